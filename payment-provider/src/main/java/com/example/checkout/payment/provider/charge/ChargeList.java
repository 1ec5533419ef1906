package com.example.checkout.payment.provider.charge;

import java.util.List;

/** {@code {"object":"list","data":[...],"has_more":...}}: one page of charges. */
record ChargeList(String object, List<Charge> data, boolean hasMore) {

    ChargeList(List<Charge> data, boolean hasMore) {
        this("list", data, hasMore);
    }
}

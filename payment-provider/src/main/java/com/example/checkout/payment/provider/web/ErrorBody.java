package com.example.checkout.payment.provider.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code {"error":{"type":..., "code":..., "param":..., "message":..., "charge":...}}}, absent fields left out. */
record ErrorBody(Detail error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(String type, String code, String param, String message, String charge) {
    }
}

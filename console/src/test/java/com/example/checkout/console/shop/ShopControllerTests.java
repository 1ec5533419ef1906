package com.example.checkout.console.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import java.util.List;
import java.util.Map;

import com.example.checkout.console.journey.RecentOrders;
import com.example.checkout.console.ConsoleApplication;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(controllers = ShopController.class, properties = ConsoleApplication.CONFIG)
class ShopControllerTests {

    private static final String ORDER = "0b3c1f6e-8f2a-4d6e-9c1b-2f4a6b8c0d1e";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Shop shop;

    @MockitoBean
    RecentOrders recent;

    @Test
    void theFormShowsTheCatalogAndTheIdempotencyKeyItWillSend() {
        // given
        given(shop.catalog()).willReturn(List.of(new Shop.Product("SKU-001", "Espresso Beans, 1 kg", 2490)));

        // when / then
        assertThat(mvc.get().uri("/shop")).hasStatusOk().bodyText()
                .contains("Espresso Beans, 1 kg", "EUR 24.90", "name=\"qty.SKU-001\"", "name=\"idempotencyKey\"",
                        "Idempotency-Key of this form");
    }

    @Test
    void aPlacedOrderGoesToItsJourneyWithTheKeyItWasPlacedWith() {
        // given
        given(shop.checkout(any(), eq("key-1")))
                .willReturn(new Shop.Outcome(201, new Shop.Placed(ORDER, "PLACED", 4980, "EUR"), null, false));

        // when
        var result = mvc.post().uri("/shop").param("email", "ada@example.com").param("customerId", "c-42")
                .param("paymentToken", "tok_ok").param("idempotencyKey", "key-1")
                .param("qty.SKU-001", "2").param("qty.SKU-002", "0").param("qty.SKU-003", "");

        // then only the lines with a quantity are sent, and the order is one of the recent ones
        assertThat(result).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/orders/" + ORDER + "?key=key-1&replayed=false");
        ArgumentCaptor<Shop.CheckoutRequest> sent = ArgumentCaptor.forClass(Shop.CheckoutRequest.class);
        then(shop).should().checkout(sent.capture(), eq("key-1"));
        assertThat(sent.getValue().items()).containsExactly(new Shop.Line("SKU-001", 2));
        assertThat(sent.getValue().email()).isEqualTo("ada@example.com");
        then(recent).should().placed(ORDER, 4980);
    }

    @Test
    void aRejectedCheckoutShowsTheProblemWithTheFieldAtFaultAndItsStatus() {
        // given order-service answers 400 naming the field
        ProblemDetail problem = ProblemDetail.forStatus(400);
        problem.setTitle("Bad Request");
        problem.setDetail("The request is invalid; see errors.");
        problem.setProperty("errors", List.of(Map.of("field", "items[0].quantity", "message", "must be between 1 and 100")));
        given(shop.checkout(any(), any())).willReturn(new Shop.Outcome(400, null, problem, false));
        given(shop.catalog()).willReturn(List.of(new Shop.Product("SKU-001", "Espresso Beans, 1 kg", 2490)));

        // when / then
        assertThat(mvc.post().uri("/shop").param("email", "ada@example.com").param("customerId", "c-42")
                .param("paymentToken", "tok_ok").param("idempotencyKey", "key-2").param("qty.SKU-001", "abc"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyText()
                .contains("items[0].quantity: must be between 1 and 100", "key-2", "role=\"alert\"");
        then(recent).should(never()).placed(any(), org.mockito.ArgumentMatchers.anyLong());
    }
}

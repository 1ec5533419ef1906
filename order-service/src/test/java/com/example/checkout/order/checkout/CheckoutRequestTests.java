package com.example.checkout.order.checkout;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.example.checkout.order.checkout.CheckoutRequest.Item;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckoutRequestTests {

    private static final List<Item> TWO_BAGS = List.of(new Item("SKU-001", 2));

    @Test
    void theIssuesExampleIsValid() {
        // given
        CheckoutRequest request = new CheckoutRequest("c-42", "ada@example.com", TWO_BAGS, "tok_ok");

        // then
        assertThat(request.violations()).isEmpty();
    }

    @Test
    void everyMissingFieldIsReportedAtOnce() {
        // given
        CheckoutRequest request = new CheckoutRequest(null, null, null, null);

        // then
        assertThat(request.violations()).containsExactlyInAnyOrder(
                new FieldViolation("customerId", "must not be missing"),
                new FieldViolation("email", "must not be missing"),
                new FieldViolation("items", "must not be missing"),
                new FieldViolation("paymentToken", "must not be missing"));
    }

    @Test
    void quantitiesOutsideOneToAHundredAreRejectedWithTheirPath() {
        // given
        CheckoutRequest request = new CheckoutRequest("c-42", "ada@example.com",
                List.of(new Item("SKU-001", 0), new Item("SKU-002", 100), new Item("SKU-003", 101)), "tok_ok");

        // then
        assertThat(request.violations()).containsExactly(
                new FieldViolation("items[0].quantity", "must be between 1 and 100"),
                new FieldViolation("items[2].quantity", "must be between 1 and 100"));
    }

    @Test
    void fiftyLinesAreAllowedAndFiftyOneAreNot() {
        // given
        List<Item> fifty = lines(50);
        List<Item> fiftyOne = lines(51);

        // then
        assertThat(new CheckoutRequest("c-42", "ada@example.com", fifty, "tok_ok").violations()).isEmpty();
        assertThat(new CheckoutRequest("c-42", "ada@example.com", fiftyOne, "tok_ok").violations())
                .containsExactly(new FieldViolation("items", "must contain at most 50 items"));
    }

    @Test
    void aSkuOrderedOnTwoLinesIsRejectedOnTheSecond() {
        // given
        CheckoutRequest request = new CheckoutRequest("c-42", "ada@example.com",
                List.of(new Item("SKU-001", 1), new Item("SKU-002", 1), new Item("SKU-001", 3)), "tok_ok");

        // then
        assertThat(request.violations()).extracting(FieldViolation::field).containsExactly("items[2].sku");
    }

    @Test
    void emailsNeedOneAtAndADottedDomain() {
        assertThat(emailViolations("ada@example.com")).isEmpty();
        assertThat(emailViolations("ada.lovelace+shop@mail.example.co.uk")).isEmpty();
        assertThat(emailViolations("ada")).containsExactly("must be an email address");
        assertThat(emailViolations("ada@example")).containsExactly("must be an email address");
        assertThat(emailViolations("ada@@example.com")).containsExactly("must be an email address");
        assertThat(emailViolations("ada @example.com")).containsExactly("must be an email address");
        assertThat(emailViolations("a".repeat(243) + "@example.com")).containsExactly("must be at most 254 characters");
    }

    @Test
    void textWithControlCharactersOrLoneSurrogatesIsRejectedButOtherUnicodeIsWelcome() {
        assertThat(customerIdViolations("Zoë-東京-🚀")).isEmpty();
        assertThat(customerIdViolations("c-\u0000")).containsExactly("must not contain control characters or broken Unicode");
        assertThat(customerIdViolations("c-\n")).containsExactly("must not contain control characters or broken Unicode");
        assertThat(customerIdViolations("c-\ud800")).containsExactly("must not contain control characters or broken Unicode");
        assertThat(customerIdViolations(" ")).containsExactly("must not be blank");
        assertThat(customerIdViolations("c".repeat(101))).containsExactly("must be at most 100 characters");
    }

    private static List<String> emailViolations(String email) {
        return new CheckoutRequest("c-42", email, TWO_BAGS, "tok_ok").violations().stream()
                .map(FieldViolation::message).toList();
    }

    private static List<String> customerIdViolations(String customerId) {
        return new CheckoutRequest(customerId, "ada@example.com", TWO_BAGS, "tok_ok").violations().stream()
                .map(FieldViolation::message).toList();
    }

    private static List<Item> lines(int count) {
        return new ArrayList<>(IntStream.rangeClosed(1, count).mapToObj(i -> new Item("SKU-%03d".formatted(i), 1))
                .toList());
    }
}

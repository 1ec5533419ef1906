package com.example.checkout.order.checkout;

import com.example.checkout.order.web.WebProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.example.checkout.order.Checkouts.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@ExtendWith(OutputCaptureExtension.class)
class UnexpectedFailureTests {

    @RestController
    static class FailingController {

        @GetMapping("/fails")
        String fails() {
            throw new IllegalStateException("connection to 10.0.0.7 refused: SELECT secret FROM internals");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new ProblemResponses(new WebProperties(DataSize.ofKilobytes(64))))
            .build();

    @Test
    void anUnexpectedFailureIsA500ProblemWhoseCorrelationIdIsInTheLog(CapturedOutput log) throws Exception {
        // when
        MvcResult result = mvc.perform(get("/fails").accept(MediaType.APPLICATION_JSON)).andReturn();

        // then the client gets a correlation id and nothing of the failure
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).isEqualTo(500);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(body).doesNotContain("IllegalStateException", "10.0.0.7", "SELECT", "at com.");
        String correlationId = json(body).get("correlationId").asString();
        assertThat(correlationId).isNotBlank();

        // and the log line holds the same id, with the cause for us
        assertThat(log.getOut()).contains("correlationId=" + correlationId).contains("IllegalStateException");
    }
}

package com.example.checkout.console.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

import java.util.Map;
import java.util.Optional;

import com.example.checkout.console.ConsoleApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(controllers = FaultController.class, properties = ConsoleApplication.CONFIG)
class FaultControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    DemoSwitches demo;

    @Test
    void withoutTheDemoLauncherThereAreNoSwitches() {
        // given nothing answers on the launcher's address
        given(demo.switches()).willReturn(Optional.empty());

        // when / then
        assertThat(mvc.get().uri("/faults")).hasStatusOk().bodyText()
                .contains("No fault switches here").doesNotContain("Switch down");
    }

    @Test
    void eachSwitchIsAToggleButtonThatSaysWhatItWillDo() {
        // given
        given(demo.switches()).willReturn(Optional.of(Map.of("kafka", "up", "smtp", "down")));
        given(demo.scenarios()).willReturn(Optional.of(Map.of("email-outage", new DemoSwitches.ScenarioRun("idle", "", null))));

        // when / then the htmx request gets the panel alone
        assertThat(mvc.get().uri("/faults").header("HX-Request", "true")).hasStatusOk().bodyText()
                .contains("data-switch=\"kafka\"", "aria-label=\"Switch kafka down\"", "aria-label=\"Switch smtp up\"",
                        "Start the email-outage scenario")
                // stable ids, so that htmx gives the focus back to the same toggle after each refresh of the panel
                .containsPattern("id=\"toggle-smtp\"[^>]*class=\"restore\"")
                .contains("id=\"toggle-kafka\"")
                .doesNotContain("<html");
    }

    @Test
    void pressingAToggleFlipsTheDemoSwitch() {
        given(demo.switches()).willReturn(Optional.of(Map.of("smtp", "down")));

        assertThat(mvc.post().uri("/faults/smtp/down").header("HX-Request", "true")).hasStatusOk();
        then(demo).should().flip("smtp", "down");

        assertThat(mvc.post().uri("/faults/smtp/up")).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/faults");
        then(demo).should().flip("smtp", "up");

        assertThat(mvc.post().uri("/faults/smtp/sideways")).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void thePaymentProviderCanAlsoBeMadeSlowAndFastAgain() {
        // given the provider is up and answering at normal speed
        given(demo.switches()).willReturn(Optional.of(Map.of("payment-provider", "up", "smtp", "up")));

        // when / then it has a second toggle; smtp, which cannot be slowed, has none
        assertThat(mvc.get().uri("/faults").header("HX-Request", "true")).hasStatusOk().bodyText()
                .contains("aria-label=\"Switch payment-provider down\"", "aria-label=\"Make payment-provider slow\"",
                        "hx-post=\"/faults/payment-provider/slow\"")
                .doesNotContain("Make smtp slow");
        assertThat(mvc.post().uri("/faults/payment-provider/slow").header("HX-Request", "true")).hasStatusOk();
        then(demo).should().flip("payment-provider", "slow");
    }

    @Test
    void aSlowProviderShowsItAndOffersToMakeItFastAgain() {
        given(demo.switches()).willReturn(Optional.of(Map.of("payment-provider", "slow")));

        assertThat(mvc.get().uri("/faults").header("HX-Request", "true")).hasStatusOk().bodyText()
                .contains(">slow<", "aria-label=\"Make payment-provider fast again\"",
                        "hx-post=\"/faults/payment-provider/normal\"", "aria-label=\"Switch payment-provider down\"");
        assertThat(mvc.post().uri("/faults/payment-provider/normal")).hasStatus(HttpStatus.FOUND);
        then(demo).should().flip("payment-provider", "normal");
    }

    @Test
    void aDownProviderOnlyOffersToComeBackUp() {
        given(demo.switches()).willReturn(Optional.of(Map.of("payment-provider", "down")));

        assertThat(mvc.get().uri("/faults").header("HX-Request", "true")).hasStatusOk().bodyText()
                .contains("aria-label=\"Switch payment-provider up\"").doesNotContain("Make payment-provider");
    }

    @Test
    void theScenarioStartsFromThePageAndShowsItsTable() {
        given(demo.switches()).willReturn(Optional.of(Map.of("smtp", "up")));
        given(demo.scenarios()).willReturn(Optional.of(Map.of(
                "email-outage", new DemoSwitches.ScenarioRun("finished", "emails delivered 150 / 150 orders", true),
                "sold-out", new DemoSwitches.ScenarioRun("idle", "", null))));

        assertThat(mvc.post().uri("/faults/scenarios/email-outage").header("HX-Request", "true")).hasStatusOk()
                .bodyText().contains("emails delivered 150 / 150 orders", "every invariant held");
        then(demo).should().startScenario("email-outage");
    }

    @Test
    void theSoldOutScenarioStartsFromThePageAndWhileItRunsNoScenarioCanBeStarted() {
        // given a sold-out run under way, which has printed its progress so far
        given(demo.switches()).willReturn(Optional.of(Map.of("smtp", "up")));
        given(demo.scenarios()).willReturn(Optional.of(Map.of(
                "email-outage", new DemoSwitches.ScenarioRun("idle", "", null),
                "sold-out", new DemoSwitches.ScenarioRun("running", "9 of 9 orders placed; waiting", null))));

        // when it is started from the page, then the panel shows its output and both start buttons are disabled
        assertThat(mvc.post().uri("/faults/scenarios/sold-out").header("HX-Request", "true")).hasStatusOk().bodyText()
                .contains("id=\"sold-out-output\"", "9 of 9 orders placed; waiting", "id=\"sold-out-state\">running<")
                .containsPattern("id=\"start-sold-out\"[^>]*disabled")
                .containsPattern("id=\"start-email-outage\"[^>]*disabled");
        then(demo).should().startScenario("sold-out");
    }

    @Test
    void anUnknownScenarioIsNotFoundAndNothingStarts() {
        assertThat(mvc.post().uri("/faults/scenarios/black-friday")).hasStatus(HttpStatus.NOT_FOUND);
        then(demo).shouldHaveNoInteractions();
    }
}

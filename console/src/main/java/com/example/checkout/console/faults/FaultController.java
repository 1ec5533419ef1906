package com.example.checkout.console.faults;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /faults}: the demo's switches as a panel of toggle buttons (loaded into the overview by htmx, or as a page
 * of its own without JavaScript) and the email-outage scenario with its output.
 */
@Controller
class FaultController {

    private static final Set<String> STATES = Set.of("up", "down", "slow", "normal");

    /** The components the launcher can also slow down (its {@code slow}/{@code normal} switch). */
    static final Set<String> SLOWABLE = Set.of("payment-provider");

    private final DemoSwitches demo;

    FaultController(DemoSwitches demo) {
        this.demo = demo;
    }

    @GetMapping("/faults")
    String panel(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("switches", demo.switches().orElse(null));
        model.addAttribute("scenario", demo.scenario().orElse(null));
        model.addAttribute("slowable", SLOWABLE);
        return htmx != null ? "faults :: panel" : "faults";
    }

    @PostMapping("/faults/{component}/{state}")
    String flip(@PathVariable String component, @PathVariable String state,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        if (!STATES.contains(state)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "A switch is up, down, slow or normal, not " + state);
        }
        try {
            demo.flip(component, state);
        } catch (RestClientException failed) {
            model.addAttribute("error", "The demo could not switch %s %s: %s".formatted(component, state, failed.getMessage()));
        }
        return htmx != null ? panel(htmx, model) : "redirect:/faults";
    }

    @PostMapping("/faults/scenarios/email-outage")
    String startScenario(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        try {
            demo.startScenario();
        } catch (RestClientException failed) {
            model.addAttribute("error", "The demo could not start the scenario: " + failed.getMessage());
        }
        return htmx != null ? panel(htmx, model) : "redirect:/faults";
    }
}

package com.example.checkout.console.faults;

import java.util.List;
import java.util.Map;
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
 * of its own without JavaScript) and the launcher's scenarios, each with what it printed so far.
 */
@Controller
class FaultController {

    private static final Set<String> STATES = Set.of("up", "down", "slow", "normal");

    /** The components the launcher can also slow down (its {@code slow}/{@code normal} switch). */
    static final Set<String> SLOWABLE = Set.of("payment-provider");

    /** A scenario of the launcher, as the panel describes it. */
    record Scenario(String name, String title, String summary) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("email-outage", "Email-outage scenario", "A steady stream of checkouts with SMTP down in the"
                    + " middle; prints latency per phase, emails delivered, duplicates, DLT size and time to drain."),
            new Scenario("sold-out", "Sold-out scenario", "More orders for one product than it has in stock, all at"
                    + " once: the saga confirms the first ones, cancels and refunds the rest; prints the books."));

    private final DemoSwitches demo;

    FaultController(DemoSwitches demo) {
        this.demo = demo;
    }

    @GetMapping("/faults")
    String panel(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("switches", demo.switches().orElse(null));
        model.addAttribute("scenarios", SCENARIOS);
        Map<String, DemoSwitches.ScenarioRun> runs = demo.scenarios().orElse(null);
        model.addAttribute("runs", runs);
        model.addAttribute("busy", runs != null && runs.values().stream().anyMatch(DemoSwitches.ScenarioRun::running));
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

    @PostMapping("/faults/scenarios/{name}")
    String startScenario(@PathVariable String name, @RequestHeader(name = "HX-Request", required = false) String htmx,
                         Model model) {
        if (SCENARIOS.stream().noneMatch(scenario -> scenario.name().equals(name))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No scenario " + name);
        }
        try {
            demo.startScenario(name);
        } catch (RestClientException failed) {
            model.addAttribute("error", "The demo could not start the %s scenario: %s".formatted(name, failed.getMessage()));
        }
        return htmx != null ? panel(htmx, model) : "redirect:/faults";
    }
}

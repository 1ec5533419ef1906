package com.example.checkout.console.overview;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** {@code /}: the live overview; {@code /overview/samples}: the figures behind its charts, polled by the page. */
@Controller
class OverviewController {

    private final MetricsSampler sampler;

    OverviewController(MetricsSampler sampler) {
        this.sampler = sampler;
    }

    @GetMapping("/")
    String overview(Model model) {
        model.addAttribute("latest", sampler.latest().orElse(null));
        return "overview";
    }

    @GetMapping("/overview/samples")
    @ResponseBody
    List<Sample> samples() {
        return sampler.samples();
    }
}

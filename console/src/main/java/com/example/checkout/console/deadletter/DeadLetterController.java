package com.example.checkout.console.deadletter;

import com.example.checkout.console.deadletter.DeadLetterAdmin.ReplayResult;
import com.example.checkout.console.system.ConsumerGroup;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /dead-letters?group=&cursor=}: one group's parked records, a page at a time (oldest first), each with its
 * reason and attempts;
 * replay one or all. A replay answers with a redirect back to the list (so a reload does not replay again) and
 * says what it did.
 */
@Controller
class DeadLetterController {

    static final int PAGE_SIZE = 20;

    private final DeadLetterAdmin admin;

    DeadLetterController(DeadLetterAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/dead-letters")
    String list(@RequestParam(defaultValue = "email-service") String group,
                @RequestParam(required = false) @Nullable Long cursor, Model model) {
        ConsumerGroup consumer = group(group);
        model.addAttribute("groups", ConsumerGroup.values());
        model.addAttribute("group", consumer);
        model.addAttribute("cursor", cursor);
        try {
            DeadLetterAdmin.Page page = admin.parked(consumer, PAGE_SIZE, cursor);
            model.addAttribute("deadLetters", page.items());
            model.addAttribute("nextCursor", page.nextCursor());
        } catch (RestClientException unreachable) {
            model.addAttribute("unreachable", problem(consumer, unreachable));
        }
        return "dead-letters";
    }

    @PostMapping("/dead-letters/{group}/{id}/replay")
    String replay(@PathVariable String group, @PathVariable long id, RedirectAttributes redirect) {
        ConsumerGroup consumer = group(group);
        return replayed(consumer, redirect, () -> admin.replay(consumer, id), "dead letter " + id);
    }

    @PostMapping("/dead-letters/{group}/replay")
    String replayAll(@PathVariable String group, RedirectAttributes redirect) {
        ConsumerGroup consumer = group(group);
        return replayed(consumer, redirect, () -> admin.replayAll(consumer), "every parked record");
    }

    private String replayed(ConsumerGroup group, RedirectAttributes redirect, java.util.function.Supplier<ReplayResult> replay,
                            String what) {
        try {
            ReplayResult result = replay.get();
            redirect.addFlashAttribute("message", "Replayed %s of %s: %d done, %d still failing%s."
                    .formatted(what, group.groupId(), result.replayed(), result.failed(),
                            result.remaining() == null ? "" : ", " + result.remaining() + " still parked"));
        } catch (RestClientException failed) {
            redirect.addFlashAttribute("error", "Replay of %s failed: %s".formatted(what, problem(group, failed)));
        }
        redirect.addAttribute("group", group.groupId());
        return "redirect:/dead-letters";
    }

    private static String problem(ConsumerGroup group, RestClientException failure) {
        if (failure instanceof HttpClientErrorException.Unauthorized || failure instanceof HttpClientErrorException.Forbidden) {
            return group.groupId() + " refused the console's admin credentials (checkout.console.admin.*)";
        }
        if (failure instanceof HttpClientErrorException answered) {
            return group.groupId() + " answered " + answered.getStatusCode().value();
        }
        return group.groupId() + " did not answer";
    }

    private static ConsumerGroup group(@Nullable String groupId) {
        return ConsumerGroup.byGroupId(groupId == null ? "" : groupId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No consumer group " + groupId));
    }
}

package com.example.checkout.consumer.deadletter;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dlt?limit=&cursor=&payload=}, {@code POST /dlt/replay}, {@code POST /dlt/{id}/replay} on every
 * consumer service, behind the admin credentials (see {@code AdminSecurityAutoConfiguration}).
 */
@RestController
public class DeadLetterController {

    static final int MAX_PAGE = 500;

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Parked records oldest first, {@code limit} at a time; payloads only with {@code payload=true}. */
    @GetMapping("/dlt")
    public ResponseEntity<?> parked(@RequestParam(defaultValue = "50") int limit,
                                    @RequestParam(required = false) @Nullable Long cursor,
                                    @RequestParam(defaultValue = "false") boolean payload) {
        if (limit < 1 || limit > MAX_PAGE) {
            return badRequest("limit", "limit must be between 1 and " + MAX_PAGE + ", was " + limit);
        }
        if (cursor != null && cursor < 0) {
            return badRequest("cursor", "cursor must be a nextCursor of an earlier page, was " + cursor);
        }
        return ResponseEntity.ok(deadLetters.parked(limit, cursor, payload));
    }

    /** Replays a bounded number of parked records ({@code checkout.consumer.dead-letters.replay-batch}). */
    @PostMapping("/dlt/replay")
    public ReplayResult replayAll(Principal operator) {
        return deadLetters.replayAll(operator.getName());
    }

    @PostMapping("/dlt/{id}/replay")
    public ResponseEntity<?> replay(@PathVariable long id, Principal operator) {
        if (!deadLetters.exists(id)) {
            ProblemDetail notFound = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No dead letter " + id);
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound);
        }
        return ResponseEntity.ok(deadLetters.replay(id, operator.getName()));
    }

    private static ResponseEntity<ProblemDetail> badRequest(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        return ResponseEntity.badRequest().body(problem);
    }
}

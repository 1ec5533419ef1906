package com.example.checkout.consumer.deadletter;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /dlt}, {@code POST /dlt/replay}, {@code POST /dlt/{id}/replay} on every consumer service. */
@RestController
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/dlt")
    public List<DeadLetter> parked() {
        return deadLetters.parked();
    }

    @PostMapping("/dlt/replay")
    public ReplayResult replayAll() {
        return deadLetters.replayAll();
    }

    @PostMapping("/dlt/{id}/replay")
    public ResponseEntity<?> replay(@PathVariable long id) {
        if (!deadLetters.exists(id)) {
            ProblemDetail notFound = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No dead letter " + id);
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound);
        }
        return ResponseEntity.ok(deadLetters.replay(id));
    }
}

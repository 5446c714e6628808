package dev.exactlyonce.gateway.faults;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fault mode's controls. The dashboard relies on exactly this contract:
 * {@code POST /gateway/faults/drop-replies {"count":N}} answers 204, {@code GET /gateway/faults} answers
 * {@code {"pendingDrops":N}}.
 */
@RestController
@RequestMapping("/gateway/faults")
@ConditionalOnProperty(name = "gateway.faults.enabled", havingValue = "true")
class FaultController {

    private final ReplyDropper dropper;

    FaultController(ReplyDropper dropper) {
        this.dropper = dropper;
    }

    @GetMapping
    FaultStatus status() {
        return new FaultStatus(dropper.pending());
    }

    /** Drops the replies of the next {@code count} upstream calls that succeed; 0 cancels pending drops. */
    @PostMapping("/drop-replies")
    ResponseEntity<Void> dropReplies(@Valid @RequestBody DropReplies request) {
        dropper.arm(request.count());
        return ResponseEntity.noContent().build();
    }

    /** @param count how many successful replies to drop, replacing any drops still pending */
    record DropReplies(@NotNull @Min(0) @Max(ReplyDropper.MAX_PENDING) Integer count) {
    }

    /** @param pendingDrops successful replies still to be dropped */
    record FaultStatus(int pendingDrops) {
    }
}

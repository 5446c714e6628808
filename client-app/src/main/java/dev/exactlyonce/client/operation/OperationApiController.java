package dev.exactlyonce.client.operation;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import dev.exactlyonce.idempotency.IdempotencyHeaders;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The journal over HTTP for the signed-in user. {@code POST} answers once the first outcome is known or
 * after {@code client.journal.answer-wait}, whichever comes first; an answer of {@code IN_DOUBT} means
 * client-app is still trying, with the same key.
 */
@RestController
@RequestMapping("/api/operations")
class OperationApiController {

    private final Operations operations;

    OperationApiController(Operations operations) {
        this.operations = operations;
    }

    /**
     * Submits an operation. The key may come in the {@code Idempotency-Key} header or the body's
     * {@code idempotencyKey}; if both are given they must agree.
     */
    @PostMapping
    JournalView submit(@RequestBody OperationCommand command,
            @RequestHeader(name = IdempotencyHeaders.KEY, required = false) String key, Principal user) {
        if (key != null && command.idempotencyKey() != null && !key.equals(command.idempotencyKey())) {
            throw new InvalidOperationException("The Idempotency-Key header and the body's idempotencyKey differ");
        }
        OperationCommand keyed = key != null ? command.withIdempotencyKey(key) : command;
        return operations.submit(user.getName(), keyed);
    }

    @GetMapping
    List<JournalView> list(Principal user) {
        return operations.list(user.getName());
    }

    @GetMapping("/{id}")
    JournalView get(@PathVariable UUID id, Principal user) {
        return operations.get(user.getName(), id);
    }
}

package dev.exactlyonce.bank.ledger;

import java.util.UUID;

/** No operation with this id that the caller submitted. */
public class OperationNotFoundException extends RuntimeException {

    OperationNotFoundException(UUID id) {
        super("No operation " + id);
    }
}

package dev.exactlyonce.client.operation;

import java.util.UUID;

/** No operation with this id belongs to the user. */
public class OperationNotFoundException extends RuntimeException {

    OperationNotFoundException(UUID id) {
        super("No operation " + id);
    }
}

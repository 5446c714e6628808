package dev.exactlyonce.bank.ledger;

import java.util.List;

/** One page of an account's operations, newest first. */
record OperationPage(List<OperationResponse> items, int page, int size, long totalItems) {
}

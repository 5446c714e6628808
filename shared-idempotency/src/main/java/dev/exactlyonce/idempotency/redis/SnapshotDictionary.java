package dev.exactlyonce.idempotency.redis;

import java.nio.charset.StandardCharsets;

/**
 * The preset DEFLATE dictionary of {@link SnapshotCodec}'s format 3: text that small JSON answers of HTTP payment
 * APIs share (media types, field names, states, the shape of an ISO-8601 instant), so that a reply that names
 * each field once still compresses. DEFLATE refers back into it like into text already seen, the nearer the
 * cheaper, so what answers use most comes last.
 *
 * <p><strong>Never change it.</strong> Every format-3 snapshot in Redis needs exactly these bytes to inflate; a
 * better dictionary is a new format number, with this one kept for the records already written.
 * {@code SnapshotDictionaryTests} pins its digest.
 */
final class SnapshotDictionary {

    // A text block whose lines end in a backslash: one line of text, without line breaks.
    private static final byte[] BYTES = """
            text/plain;charset=UTF-8application/problem+json\
            "errors":[{"code":"message":"detail":"title":"instance":"https://http://localhost:8080/api/v1/\
            "reference":"metadata":{"name":"email":"country":"iban":"customerId":"merchantId":\
            "paymentId":"transactionId":"orderId":"transferId":"accountId":"fee":"reason":\
            "fromAccountId":"toAccountId":"counterpartyAccountId":"balance":"balanceAfter":\
            "quantity":"price":"total":"amount":"currency":"USD","EUR","GBP","description":\
            "type":"CREDIT","DEBIT","TRANSFER","PENDING","FAILED","REJECTED","SUCCEEDED",\
            "status":"COMPLETED","createdAt":"updatedAt":"T00:00:00.000000Z"},{"id":"\
            """.getBytes(StandardCharsets.US_ASCII);

    private SnapshotDictionary() {
    }

    /** The dictionary itself; callers must not modify it. */
    static byte[] bytes() {
        return BYTES;
    }
}

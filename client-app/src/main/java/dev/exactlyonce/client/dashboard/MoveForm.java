package dev.exactlyonce.client.dashboard;

/**
 * A credit, debit or transfer form as the browser sends it: text, checked and converted by the controller
 * so that every mistake gets a sentence a person understands.
 *
 * @param idempotencyKey minted when the form was rendered; the same on every submission of that form
 */
record MoveForm(String type, String accountId, String toAccountId, String amount, String description,
        String idempotencyKey) {

    static MoveForm blank(String type, String key, String accountId, String toAccountId) {
        return new MoveForm(type, accountId, toAccountId, "", "", key);
    }
}

package dev.exactlyonce.client.dashboard;

import dev.exactlyonce.client.bank.BankProblemType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTextsTests {

    @Test
    void explainsRefusalsWithoutHttpJargon() {
        assertThat(OutcomeTexts.refusal(BankProblemType.INSUFFICIENT_FUNDS)).startsWith("Not enough money in the account");
        assertThat(OutcomeTexts.refusal(BankProblemType.ACCOUNT_NOT_FOUND)).startsWith("The bank does not know this account");
        assertThat(OutcomeTexts.refusal(BankProblemType.of("https://exactly-once.dev/problems/something-new")))
                .isEqualTo("The bank refused this request, and nothing moved.");
        assertThat(OutcomeTexts.refusal(BankProblemType.of(null))).endsWith("nothing moved.");
    }

    /** Every refusal but the bank's "already acknowledged", which refuses a key whose first attempt may have moved money. */
    @ParameterizedTest
    @EnumSource(value = BankProblemType.class, mode = EnumSource.Mode.EXCLUDE, names = "IDEMPOTENCY_KEY_ACKNOWLEDGED")
    void saysNothingMovedForEveryKindOfRefusal(BankProblemType problem) {
        assertThat(OutcomeTexts.refusal(problem)).containsIgnoringCase("nothing moved").doesNotContainPattern("\\d{3}");
    }

    @Test
    void sendsThePersonToTheHistoryWhenTheBankForgotAKeyItWasStillAskedAbout() {
        assertThat(OutcomeTexts.refusal(BankProblemType.IDEMPOTENCY_KEY_ACKNOWLEDGED))
                .contains("Check the account's history").doesNotContainPattern("(?i)nothing moved");
    }
}

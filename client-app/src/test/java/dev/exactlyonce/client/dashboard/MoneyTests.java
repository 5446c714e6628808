package dev.exactlyonce.client.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTests {

    @Test
    void formatsMinorUnitsWithTheCurrencysDigits() {
        assertThat(Money.format(123_456, "EUR")).isEqualTo("€1,234.56");
        assertThat(Money.format(5, "USD")).isEqualTo("$0.05");
        assertThat(Money.format(5_000, "JPY")).isEqualTo("¥5,000");
        assertThat(Money.format(1_000, "CHF")).isEqualTo("CHF 10.00");
        assertThat(Money.format(-250, "EUR")).isEqualTo("−€2.50");
    }

    @Test
    void parsesWhatPeopleTypeExactly() {
        assertThat(Money.parse("12", "EUR")).isEqualTo(1_200);
        assertThat(Money.parse(" 12.5 ", "EUR")).isEqualTo(1_250);
        assertThat(Money.parse("0,10", "EUR")).isEqualTo(10);
        assertThat(Money.parse("0.29", "EUR")).isEqualTo(29);
        assertThat(Money.parse("5000", "JPY")).isEqualTo(5_000);
        assertThat(Money.parse("10000000000000", "EUR")).isEqualTo(Money.MAX_MINOR_UNITS);
    }

    @Test
    void refusesWhatCannotBeSentWithASentence() {
        assertThatThrownBy(() -> Money.parse("", "EUR")).hasMessage("Enter an amount.");
        assertThatThrownBy(() -> Money.parse("abc", "EUR")).hasMessage("Enter the amount as a number, like 12.50.");
        assertThatThrownBy(() -> Money.parse("1e3", "EUR")).hasMessage("Enter the amount as a number, like 12.50.");
        assertThatThrownBy(() -> Money.parse("-5", "EUR")).hasMessage("Enter the amount as a number, like 12.50.");
        assertThatThrownBy(() -> Money.parse("1.234", "EUR")).hasMessageContaining("at most 2 digits");
        assertThatThrownBy(() -> Money.parse("1.5", "JPY")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Money.parse("0.00", "EUR")).hasMessage("Enter an amount greater than zero.");
        assertThatThrownBy(() -> Money.parse("10000000000000.01", "EUR")).hasMessageContaining("larger than the bank accepts");
    }

    @Test
    void plainTextReadsBackToTheSameAmount() {
        assertThat(Money.parse(Money.plain(1_250, "EUR"), "EUR")).isEqualTo(1_250);
    }
}

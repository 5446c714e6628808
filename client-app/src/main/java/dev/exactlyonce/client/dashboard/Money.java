package dev.exactlyonce.client.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Amounts as people read and type them, converted exactly to and from the bank's whole minor units.
 * Never floating point: "0.1 + 0.2" must not become 30000000000000004 cents.
 */
public final class Money {

    /** The bank refuses anything above 10^15 minor units. */
    static final long MAX_MINOR_UNITS = 1_000_000_000_000_000L;

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,16}([.,]\\d{1,4})?");

    private Money() {
    }

    /** {@code 123456, "EUR"} → {@code "€1,234.56"}; currencies without a one-sign symbol get their code. */
    public static String format(long minorUnits, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
                DecimalFormatSymbols.getInstance(Locale.US));
        String number = format.format(BigDecimal.valueOf(Math.abs(minorUnits)).movePointLeft(digits));
        String symbol = currency.getSymbol(Locale.US);
        String sign = minorUnits < 0 ? "−" : "";
        return symbol.length() == 1 ? sign + symbol + number : sign + currency.getCurrencyCode() + " " + number;
    }

    /**
     * Parses what a person typed ({@code "12"}, {@code "12.5"}, {@code "1,234.50"} is refused, {@code "12,50"}
     * is read as 12.50) into minor units.
     *
     * @throws InvalidAmountException with a sentence that says what is wrong, in plain words
     */
    public static long parse(String text, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidAmountException("Enter an amount.");
        }
        if (!DECIMAL.matcher(trimmed).matches()) {
            throw new InvalidAmountException("Enter the amount as a number, like 12.50.");
        }
        BigDecimal amount = new BigDecimal(trimmed.replace(',', '.'));
        if (amount.scale() > digits) {
            throw new InvalidAmountException(digits == 0
                    ? currency.getCurrencyCode() + " has no smaller unit: enter a whole number."
                    : currency.getCurrencyCode() + " amounts have at most " + digits + " digits after the point.");
        }
        BigDecimal minor = amount.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY);
        if (minor.signum() <= 0) {
            throw new InvalidAmountException("Enter an amount greater than zero.");
        }
        if (minor.compareTo(BigDecimal.valueOf(MAX_MINOR_UNITS)) > 0) {
            throw new InvalidAmountException("That amount is larger than the bank accepts.");
        }
        return minor.longValueExact();
    }

    /** Shows a minor-unit amount the way {@link #parse} reads it back, for refilling a form. */
    static String plain(long minorUnits, String currencyCode) {
        int digits = Math.max(Currency.getInstance(currencyCode).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(minorUnits).movePointLeft(digits).toPlainString();
    }

    /** An amount a person typed that cannot be sent. */
    public static final class InvalidAmountException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        InvalidAmountException(String message) {
            super(message);
        }
    }
}

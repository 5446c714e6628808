package dev.exactlyonce.bank.money;

import java.util.Currency;
import java.util.regex.Pattern;

/** The ISO 4217 currencies the bank keeps accounts in. */
public final class Currencies {

    private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

    private Currencies() {
    }

    /**
     * The currency with this ISO 4217 code.
     *
     * @throws UnknownCurrencyException for anything but a known code of a currency with minor units
     *         (fund and precious-metal codes such as XAU have none, so no amount in them is exact)
     */
    public static Currency require(String code) {
        if (code == null || !ISO_CODE.matcher(code).matches()) {
            throw new UnknownCurrencyException(code);
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw new UnknownCurrencyException(code);
            }
            return currency;
        } catch (IllegalArgumentException ex) {
            throw new UnknownCurrencyException(code);
        }
    }
}

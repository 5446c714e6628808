package dev.exactlyonce.bank.money;

/** Limits on amounts, all in the currency's minor units (cents for EUR). */
public final class Amounts {

    /** The largest amount one operation may move: 10^15 minor units. */
    public static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    /**
     * The largest balance an account may hold. Far below {@link Long#MAX_VALUE}, so no sum of a
     * balance and an allowed amount can overflow.
     */
    public static final long MAX_BALANCE = 1_000_000_000_000_000_000L;

    private Amounts() {
    }
}

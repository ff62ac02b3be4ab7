package org.odop.pulse.domain;

import java.math.BigDecimal;

/** Money is carried as long paise everywhere inside; rupees appear only at the edges. */
public final class Money {
    private Money() {}

    /** Rupees with at most two decimals to paise; throws ArithmeticException when not exact. */
    public static long rupeesToPaise(BigDecimal rupees) {
        return rupees.movePointRight(2).setScale(0).longValueExact();
    }

    /** Paise as rupees with exactly two decimals, e.g. 105000000 paise to 1050000.00. */
    public static BigDecimal paiseToRupees(long paise) {
        return BigDecimal.valueOf(paise, 2);
    }
}

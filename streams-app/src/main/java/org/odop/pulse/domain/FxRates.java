package org.odop.pulse.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One currency's exchange rates (rupees per unit, from an IST day on), and the conversion rule of the views:
 * the rate in force on a day is the one with the greatest {@code validFrom} on or before it, and an amount of
 * paise becomes {@code paise / inrPerUnit} cents of the currency, rounded half-even to the cent.
 */
public final class FxRates {
    /** The currency the views convert exports into. */
    public static final String USD = "USD";
    public static final int MAX_DECIMALS = 4;
    /** Digits before the point: the Avro decimal(12, 4) holds 12 digits, 4 of them decimals. */
    public static final int MAX_INTEGER_DIGITS = 8;

    private final NavigableMap<LocalDate, BigDecimal> byValidFrom;

    public FxRates(Map<LocalDate, BigDecimal> byValidFrom) {
        this.byValidFrom = Collections.unmodifiableNavigableMap(new TreeMap<>(byValidFrom));
    }

    public static FxRates none() {
        return new FxRates(Map.of());
    }

    /** The key of a rate on the reference topic and in stores: {@code USD|2022-08-01}. */
    public static String key(String currency, LocalDate validFrom) {
        return currency + '|' + validFrom;
    }

    /** Prefix of every key of one currency. */
    public static String prefix(String currency) {
        return currency + '|';
    }

    /** The day of a key made by {@link #key}. */
    public static LocalDate validFrom(String key) {
        return LocalDate.parse(key.substring(key.indexOf('|') + 1));
    }

    public Optional<BigDecimal> inForce(LocalDate istDay) {
        Map.Entry<LocalDate, BigDecimal> e = byValidFrom.floorEntry(istDay);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** Paise converted at the rate in force that day, in cents; empty when no rate is in force. */
    public Optional<Long> cents(long paise, LocalDate istDay) {
        return inForce(istDay).map(rate -> cents(paise, rate));
    }

    /** {@code paise / inrPerUnit} cents, rounded half-even: rupees over rupees-per-dollar, in cents. */
    public static long cents(long paise, BigDecimal inrPerUnit) {
        BigInteger c = new BigDecimal(paise).divide(inrPerUnit, 0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        return c.longValueExact();
    }

    public NavigableMap<LocalDate, BigDecimal> asMap() {
        return byValidFrom;
    }

    /**
     * The days whose rate in force differs between these rates and {@code other}, as half-open ranges
     * {@code [from, to)} ({@code to} null: open-ended), keyed by {@code from}. A rate added, removed or
     * changed at day V changes the days from V to the next validFrom either table knows.
     */
    public NavigableMap<LocalDate, LocalDate> changedDays(FxRates other) {
        TreeMap<LocalDate, BigDecimal> union = new TreeMap<>(byValidFrom);
        union.putAll(other.byValidFrom);
        NavigableMap<LocalDate, LocalDate> ranges = new TreeMap<>();
        for (LocalDate v : union.keySet()) {
            BigDecimal a = byValidFrom.get(v);
            BigDecimal b = other.byValidFrom.get(v);
            boolean same = a != null && b != null && a.compareTo(b) == 0;
            if (!same) ranges.put(v, union.higherKey(v));
        }
        return ranges;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FxRates f && changedDays(f).isEmpty();
    }

    @Override
    public int hashCode() {
        return byValidFrom.keySet().hashCode();
    }

    @Override
    public String toString() {
        return byValidFrom.toString();
    }
}

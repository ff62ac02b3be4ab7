package org.odop.pulse.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of every measure of the catalogue for one row or one sum of rows: exact whole numbers (counts,
 * and money in paise) without an upper bound, so sums over any number of districts never overflow.
 */
public final class MeasureValues {
    public static final MeasureValues ZERO = new MeasureValues(zeros());

    private final BigInteger[] values;
    private final List<Measure> shown;

    private MeasureValues(BigInteger[] values) {
        this(values, MeasureCatalog.ALL);
    }

    private MeasureValues(BigInteger[] values, List<Measure> shown) {
        this.values = values;
        this.shown = shown;
    }

    /** The same values, of which answers show only {@code measures} (in that order). */
    public MeasureValues select(List<Measure> measures) {
        return new MeasureValues(values, List.copyOf(measures));
    }

    /** The measures answers show: every measure of the catalogue unless {@link #select selected}. */
    public List<Measure> measures() {
        return shown;
    }

    /** The given values (by measure), zero for every measure not given. */
    public static MeasureValues of(Map<Measure, ? extends Number> given) {
        BigInteger[] v = zeros();
        given.forEach((m, n) -> v[MeasureCatalog.indexOf(m)] = n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue()));
        return new MeasureValues(v);
    }

    public BigInteger get(Measure m) {
        return values[MeasureCatalog.indexOf(m)];
    }

    /** As users read it: a count as it is, money in rupees or dollars with two decimals. */
    public BigDecimal shown(Measure m) {
        BigInteger v = get(m);
        return m.unit().isMoney() ? new BigDecimal(v, 2) : new BigDecimal(v);
    }

    /** The ratio from the exact values (to 34 significant digits), or empty where its denominator is zero. */
    public Optional<BigDecimal> ratio(Ratio r) {
        BigInteger d = get(r.denominator());
        if (d.signum() == 0) return Optional.empty();
        return Optional.of(new BigDecimal(get(r.numerator())).divide(new BigDecimal(d), MathContext.DECIMAL128));
    }

    public MeasureValues plus(MeasureValues o) {
        BigInteger[] v = new BigInteger[values.length];
        for (int i = 0; i < v.length; i++) v[i] = values[i].add(o.values[i]);
        return new MeasureValues(v, shown);
    }

    public boolean isZero() {
        return Arrays.stream(values).allMatch(b -> b.signum() == 0);
    }

    private static BigInteger[] zeros() {
        BigInteger[] v = new BigInteger[MeasureCatalog.ALL.size()];
        Arrays.fill(v, BigInteger.ZERO);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeasureValues other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (Measure m : MeasureCatalog.ALL) b.append(b.length() > 1 ? ", " : "").append(m.name()).append('=').append(shown(m));
        return b.append('}').toString();
    }
}

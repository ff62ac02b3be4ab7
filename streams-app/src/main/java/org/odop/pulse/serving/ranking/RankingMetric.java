package org.odop.pulse.serving.ranking;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.odop.pulse.domain.Measure;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.domain.MeasureValues;
import org.odop.pulse.domain.Ratio;

/**
 * What districts can be ranked by, derived from the measure catalogue: every measure that names a ranking
 * metric (money, in rupees; they add up over districts, so shares make sense), and every ratio (computed from
 * exact values; ratios do not add up).
 */
public record RankingMetric(String apiName, Measure measure, Ratio ratio) {
    public static final List<RankingMetric> ALL = derive();

    public static RankingMetric of(Measure m) {
        return ALL.stream().filter(r -> m.equals(r.measure)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(m.name() + " is not ranked"));
    }

    public static RankingMetric of(Ratio ratio) {
        return ALL.stream().filter(r -> ratio.equals(r.ratio)).findFirst().orElseThrow();
    }

    /** The value a district is ranked by; empty where it is undefined (a ratio over zero), and then left out. */
    public Optional<BigDecimal> value(MeasureValues m) {
        return measure != null ? Optional.of(m.shown(measure)) : m.ratio(ratio);
    }

    /** A value as an exact fraction of exact decimals (the denominator never zero), for figures derived from it. */
    public record Fraction(BigDecimal numerator, BigDecimal denominator) {}

    /**
     * The value exactly, where {@link #value(MeasureValues)} of a ratio is a rounded quotient: growth is computed
     * from this, never from a rounded figure. Empty where the value is undefined.
     */
    public Optional<Fraction> exact(MeasureValues m) {
        if (measure != null) return Optional.of(new Fraction(m.shown(measure), BigDecimal.ONE));
        BigInteger denominator = m.get(ratio.denominator());
        if (denominator.signum() == 0) return Optional.empty();
        return Optional.of(new Fraction(new BigDecimal(m.get(ratio.numerator())), new BigDecimal(denominator)));
    }

    /** Money metrics add up over districts (so shares make sense); a ratio does not. */
    public boolean isAdditive() {
        return measure != null;
    }

    public static RankingMetric fromApiName(String name) {
        return ALL.stream().filter(m -> m.apiName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "': use one of " + names()));
    }

    public static String names() {
        return ALL.stream().map(RankingMetric::apiName).collect(Collectors.joining(", "));
    }

    private static List<RankingMetric> derive() {
        List<RankingMetric> all = new ArrayList<>();
        for (Measure m : MeasureCatalog.ALL) {
            if (m.rankingMetric() != null) all.add(new RankingMetric(m.rankingMetric(), m, null));
        }
        for (Ratio r : MeasureCatalog.RATIOS) all.add(new RankingMetric(r.name(), null, r));
        return List.copyOf(all);
    }
}

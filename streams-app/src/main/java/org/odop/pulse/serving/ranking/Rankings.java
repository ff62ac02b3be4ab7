package org.odop.pulse.serving.ranking;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.odop.pulse.avro.District;
import org.odop.pulse.domain.MeasureValues;
import org.odop.pulse.serving.PeriodRows;
import org.odop.pulse.domain.MeasureKeys;

/**
 * Ranks districts from the rows of a period (and of the period before, for growth). A pure function of
 * its inputs: the service gathers the rows, this decides order, ties, shares and growth.
 */
public final class Rankings {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Rankings() {}

    /** What to rank: a metric over one period, nationally or in a state, overall or for one product. */
    public record Request(RankingMetric metric, String period, String state, String product, int limit) {}

    private record Candidate(String district, District ref, MeasureValues current, BigDecimal value) {}

    /** A district's value in the previous period: as shown, and exactly (empty when undefined there). */
    private record Previous(BigDecimal shown, Optional<RankingMetric.Fraction> exact) {}

    public static RankingView rank(Request req, PeriodRows rows, PeriodRows previous,
                                   Function<String, Optional<District>> districts) {
        String column = req.product() == null ? MeasureKeys.TOTAL : req.product();
        List<Candidate> candidates = new ArrayList<>();
        for (var e : rows.byDistrict().entrySet()) {
            MeasureValues m = e.getValue().get(column);
            if (m == null) continue;
            District ref = districts.apply(e.getKey()).orElse(null);
            if (req.state() != null && (ref == null || !req.state().equals(ref.getStateCode()))) continue;
            req.metric().value(m).filter(v -> v.signum() != 0)
                    .ifPresent(v -> candidates.add(new Candidate(e.getKey(), ref, m, v)));
        }
        candidates.sort(Comparator.comparing(Candidate::value).reversed().thenComparing(Candidate::district));

        BigDecimal total = total(req.metric(), candidates);
        List<RankingView.Entry> entries = new ArrayList<>();
        int rank = 0;
        BigDecimal last = null;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (last == null || c.value().compareTo(last) != 0) rank = i + 1; // competition ranking: 1, 2, 2, 4
            last = c.value();
            if (req.limit() > 0 && entries.size() >= req.limit()) break;
            Previous before = previous == null ? null : previousValue(req.metric(), previous, c.district(), column);
            entries.add(new RankingView.Entry(rank, c.district(), c.ref() == null ? null : c.ref().getName(),
                    c.ref() == null ? null : c.ref().getStateCode(), display(req.metric(), c.value()),
                    share(req.metric(), c.value(), total), before == null ? null : before.shown(),
                    before == null ? null : growth(req.metric().exact(c.current()).orElseThrow(), before.exact())));
        }
        return new RankingView(req.metric().apiName(), req.period(), req.state(), req.product(),
                display(req.metric(), total), entries);
    }

    private static BigDecimal total(RankingMetric metric, List<Candidate> candidates) {
        if (metric.isAdditive()) {
            return candidates.stream().map(Candidate::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        MeasureValues scope = candidates.stream().map(Candidate::current).reduce(MeasureValues.ZERO, MeasureValues::plus);
        return metric.value(scope).orElse(BigDecimal.ZERO);
    }

    private static Previous previousValue(RankingMetric metric, PeriodRows previous, String district, String column) {
        Map<String, MeasureValues> rows = previous.byDistrict().get(district);
        MeasureValues m = rows == null ? null : rows.get(column);
        MeasureValues values = m == null ? MeasureValues.ZERO : m;
        return new Previous(display(metric, metric.value(values).orElse(BigDecimal.ZERO)), metric.exact(values));
    }

    private static BigDecimal share(RankingMetric metric, BigDecimal value, BigDecimal total) {
        if (!metric.isAdditive() || total.signum() == 0) return null;
        return value.multiply(HUNDRED).divide(total, 2, RoundingMode.HALF_UP);
    }

    /**
     * (now - before) / |before| in percent, from the exact values and rounded only at the end: with now = a/b and
     * before = c/d that is (ad - cb)|d| / (bd|c|) * 100, every product exact, one rounding division. Null when
     * the value before was zero or undefined.
     */
    private static BigDecimal growth(RankingMetric.Fraction now, Optional<RankingMetric.Fraction> before) {
        if (before.isEmpty() || before.get().numerator().signum() == 0) return null;
        BigDecimal a = now.numerator(), b = now.denominator(), c = before.get().numerator(), d = before.get().denominator();
        BigDecimal numerator = a.multiply(d).subtract(c.multiply(b)).multiply(d.abs()).multiply(HUNDRED);
        BigDecimal denominator = b.multiply(d).multiply(c.abs());
        return numerator.divide(denominator, 2, RoundingMode.HALF_UP);
    }

    /** Money keeps its two decimals; a ratio is shown to four. */
    private static BigDecimal display(RankingMetric metric, BigDecimal v) {
        if (v == null) return null;
        return metric.isAdditive() ? v.setScale(2, RoundingMode.UNNECESSARY) : v.round(MathContext.DECIMAL64).setScale(4, RoundingMode.HALF_UP);
    }
}

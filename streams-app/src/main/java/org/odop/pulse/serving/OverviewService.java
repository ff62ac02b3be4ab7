package org.odop.pulse.serving;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;
import org.odop.pulse.domain.Measure;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.domain.MeasureValues;
import org.odop.pulse.domain.Periods;

/**
 * The country-wide views the web app's pages are built on: the overview of a period, the monthly timeline of the
 * country, a state or a district, and the periods there is data for. Every figure is a sum of the same measure rows
 * the district and state views answer from, so the pages and the API agree to the paisa.
 */
public final class OverviewService {
    /** The longest timeline one request may ask for: three fiscal years of months. */
    public static final int MAX_MONTHS = 36;
    /** How far back {@link #periods()} looks for a first fiscal year with data. */
    static final int YEARS_LOOKED_BACK = 20;

    private final Supplier<List<District>> districts;
    private final Function<String, Optional<Product>> product;
    private final MeasuresSource source;
    private final Clock clock;
    /** Which fiscal years hold data changes only as years pass or a backfill arrives: asked at most once a minute. */
    private final LoadingCache<String, List<String>> yearsWithData;

    public OverviewService(Supplier<List<District>> districts, Function<String, Optional<Product>> product,
                           MeasuresSource source, Clock clock) {
        this.districts = districts;
        this.product = product;
        this.source = source;
        this.clock = clock;
        this.yearsWithData = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(1)
                .build(current -> findYearsWithData());
    }

    public OverviewView overview(String period) {
        PeriodRows rows = source.period(period);
        Optional<String> previousPeriod = Periods.previous(period);
        MeasureValues previous = previousPeriod.map(p -> total(source.period(p), d -> true)).orElse(null);
        Map<String, OverviewView.StateRow> states = new TreeMap<>();
        Map<String, MeasureValues> categories = new TreeMap<>();
        List<OverviewView.DistrictRow> districtRows = new ArrayList<>();
        MeasureValues totals = MeasureValues.ZERO;
        for (District d : districts.get()) {
            MeasureValues t = rows.total(d.getDistrictCode());
            totals = totals.plus(t);
            states.merge(d.getStateCode(), new OverviewView.StateRow(d.getStateCode(), d.getStateName(), t),
                    (a, b) -> new OverviewView.StateRow(a.stateCode(), a.stateName(), a.measures().plus(b.measures())));
            districtRows.add(new OverviewView.DistrictRow(d.getDistrictCode(), d.getName(), d.getStateCode(),
                    d.getStateName(), d.getLatitude(), d.getLongitude(), t));
            rows.byDistrict().getOrDefault(d.getDistrictCode(), Map.of()).forEach((productCode, m) -> {
                if (!MeasureKeys.TOTAL.equals(productCode)) categories.merge(category(productCode), m, MeasureValues::plus);
            });
        }
        return new OverviewView(period, previousPeriod.orElse(null), totals, previous, List.copyOf(states.values()),
                categories.entrySet().stream().map(e -> new OverviewView.CategoryRow(e.getKey(), e.getValue())).toList(),
                districtRows);
    }

    /**
     * The measures of each month from {@code from} to {@code to} (yyyy-MM, inclusive): of one district when
     * {@code districtCode} is given, else of one state when {@code stateCode} is, else of the country;
     * only {@code metric} when given. Empty when the district or state is not in the reference data.
     */
    public Optional<TimelineView> timeline(String districtCode, String stateCode, String from, String to,
                                           Optional<Measure> metric) {
        YearMonth first = month("from", from);
        YearMonth last = month("to", to);
        if (last.isBefore(first)) throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        if (first.plusMonths(MAX_MONTHS).isBefore(last.plusMonths(1))) {
            throw new IllegalArgumentException("at most " + MAX_MONTHS + " months at a time");
        }
        List<District> all = districts.get();
        if (districtCode != null && all.stream().noneMatch(d -> d.getDistrictCode().equals(districtCode))) return Optional.empty();
        if (districtCode == null && stateCode != null && all.stream().noneMatch(d -> d.getStateCode().equals(stateCode))) {
            return Optional.empty();
        }
        List<TimelineView.Month> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            String period = Periods.month(m.atDay(1));
            MeasureValues v = districtCode != null
                    ? source.district(districtCode, period).total(districtCode)
                    : total(source.period(period), d -> stateCode == null || d.getStateCode().equals(stateCode));
            months.add(new TimelineView.Month(period, metric.map(x -> v.select(List.of(x))).orElse(v)));
        }
        return Optional.of(new TimelineView(first.toString(), last.toString(), months));
    }

    public PeriodsView periods() {
        var now = clock.instant();
        String current = Periods.currentFiscalYear(now);
        return new PeriodsView(new PeriodsView.Current(current, Periods.currentQuarter(now), Periods.currentMonth(now)),
                yearsWithData.get(current));
    }

    /** From the current fiscal year back to the earliest with data (at most {@link #YEARS_LOOKED_BACK} back). */
    private List<String> findYearsWithData() {
        LocalDate today = LocalDate.now(clock.withZone(Periods.IST));
        int currentStart = today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
        int earliest = currentStart;
        for (int start = currentStart - 1; start >= currentStart - YEARS_LOOKED_BACK; start--) {
            if (!total(source.period(Periods.fiscalYearStarting(start)), d -> true).isZero()) earliest = start;
        }
        List<String> years = new ArrayList<>();
        for (int start = currentStart; start >= earliest; start--) years.add(Periods.fiscalYearStarting(start));
        return years;
    }

    private MeasureValues total(PeriodRows rows, Predicate<District> which) {
        MeasureValues sum = MeasureValues.ZERO;
        for (District d : districts.get()) if (which.test(d)) sum = sum.plus(rows.total(d.getDistrictCode()));
        return sum;
    }

    private String category(String productCode) {
        return product.apply(productCode).map(p -> p.getCategory().name()).orElse("UNKNOWN");
    }

    private static YearMonth month(String name, String value) {
        if (value == null) throw new IllegalArgumentException("'" + name + "' is required: a month such as '2022-07'");
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("malformed '" + name + "' '" + value + "': use a month such as '2022-07'");
        }
    }
}

package org.odop.pulse.serving;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;
import org.odop.pulse.domain.Dimension;
import org.odop.pulse.domain.Measure;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.domain.MeasureValues;

/**
 * Trade views beyond products: exports by destination country, and LOIs and exports by ITC(HS) code, built from
 * the reference data and the measure rows of those dimensions.
 */
public final class TradeService {
    /** What a destination shows. */
    static final List<Measure> DESTINATION_MEASURES = List.of(MeasureCatalog.EXPORT_SHIPMENTS, MeasureCatalog.EXPORT_VALUE,
            MeasureCatalog.EXPORT_VALUE_USD, MeasureCatalog.EXPORT_VALUE_UNCONVERTED);
    /** What an HS code's totals show. */
    static final List<Measure> HS_MEASURES = List.of(MeasureCatalog.LOI_COUNT, MeasureCatalog.LOI_VALUE,
            MeasureCatalog.EXPORT_SHIPMENTS, MeasureCatalog.EXPORT_VALUE, MeasureCatalog.EXPORT_VALUE_USD,
            MeasureCatalog.EXPORT_VALUE_UNCONVERTED);
    /** What each district of an HS code shows. */
    static final List<Measure> HS_DISTRICT_MEASURES = List.of(MeasureCatalog.LOI_VALUE, MeasureCatalog.EXPORT_VALUE,
            MeasureCatalog.EXPORT_VALUE_USD, MeasureCatalog.EXPORT_VALUE_UNCONVERTED);

    private static final Pattern HS_PREFIX = Pattern.compile("\\d{2}|\\d{4}|\\d{6}|\\d{8}");

    private final Supplier<List<District>> districts;
    private final Function<String, Optional<Product>> product;
    private final Function<String, Optional<String>> chapterName;
    private final MeasuresSource source;

    /**
     * @param chapterName the name of the HS chapter (the first two digits) of a code
     */
    public TradeService(Supplier<List<District>> districts, Function<String, Optional<Product>> product,
                        Function<String, Optional<String>> chapterName, MeasuresSource source) {
        this.districts = districts;
        this.product = product;
        this.chapterName = chapterName;
        this.source = source;
    }

    /** Empty when the district is not in the reference data. */
    public Optional<DestinationsView> districtDestinations(String code, String period) {
        Optional<District> d = districts.get().stream().filter(x -> x.getDistrictCode().equals(code)).findFirst();
        if (d.isEmpty()) return Optional.empty();
        PeriodRows rows = source.district(Dimension.DESTINATION, code, period);
        return Optional.of(new DestinationsView(code, d.get().getName(), d.get().getStateCode(), d.get().getStateName(),
                null, period, destinations(rows, c -> c.equals(code), p -> true)));
    }

    /** Empty when no district of the reference data is in that state. */
    public Optional<DestinationsView> stateDestinations(String stateCode, String period) {
        List<District> inState = inState(stateCode);
        if (inState.isEmpty()) return Optional.empty();
        PeriodRows rows = source.period(Dimension.DESTINATION, period);
        List<String> codes = inState.stream().map(District::getDistrictCode).toList();
        return Optional.of(new DestinationsView(null, null, stateCode, inState.get(0).getStateName(), null, period,
                destinations(rows, codes::contains, p -> true)));
    }

    /**
     * Every district's exports by destination, or those of one state and of one product.
     *
     * @throws NotFoundException naming an unknown state or product
     */
    public DestinationsView destinations(String period, String stateCode, String productCode) {
        Predicate<String> district = districtFilter(stateCode);
        if (productCode != null && product.apply(productCode).isEmpty()) {
            throw new NotFoundException("unknown product '" + productCode + "'");
        }
        PeriodRows rows = source.period(Dimension.DESTINATION, period);
        return new DestinationsView(null, null, stateCode, null, productCode, period,
                destinations(rows, district, p -> productCode == null || productCode.equals(p)));
    }

    /**
     * LOIs and exports under an HS prefix of 2, 4, 6 or 8 digits.
     *
     * @throws IllegalArgumentException for a malformed prefix
     * @throws NotFoundException for a state with no district
     */
    public HsView hs(String prefix, String period, String stateCode) {
        if (prefix == null || !HS_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("malformed HS prefix '" + prefix + "': use 2, 4, 6 or 8 digits");
        }
        Predicate<String> inScope = districtFilter(stateCode);
        PeriodRows rows = source.period(Dimension.HS, period);
        Map<String, MeasureValues> byDistrict = new TreeMap<>();
        rows.byDistrict().forEach((district, members) -> {
            if (!inScope.test(district)) return;
            members.forEach((hs, m) -> {
                if (hs.startsWith(prefix)) byDistrict.merge(district, m, MeasureValues::plus);
            });
        });
        Map<String, District> ref = new TreeMap<>();
        districts.get().forEach(d -> ref.put(d.getDistrictCode(), d));
        MeasureValues total = MeasureValues.ZERO;
        List<HsView.DistrictRow> out = new ArrayList<>();
        for (Map.Entry<String, MeasureValues> e : byDistrict.entrySet()) {
            total = total.plus(e.getValue());
            District d = ref.get(e.getKey());
            out.add(new HsView.DistrictRow(e.getKey(), d == null ? null : d.getName(), d == null ? null : d.getStateCode(),
                    e.getValue().select(HS_DISTRICT_MEASURES)));
        }
        out.sort(Comparator.comparing((HsView.DistrictRow r) -> r.measures().get(MeasureCatalog.EXPORT_VALUE),
                Comparator.reverseOrder()).thenComparing(HsView.DistrictRow::districtCode));
        return new HsView(prefix, chapterName.apply(prefix).orElse(null), period, stateCode, total.select(HS_MEASURES), out);
    }

    private List<DestinationsView.Destination> destinations(PeriodRows rows, Predicate<String> district,
                                                            Predicate<String> productOk) {
        Map<String, MeasureValues> byCountry = new TreeMap<>();
        rows.byDistrict().forEach((code, members) -> {
            if (!district.test(code)) return;
            members.forEach((member, m) -> {
                if (productOk.test(MeasureKeys.productOf(member))) byCountry.merge(MeasureKeys.country(member), m, MeasureValues::plus);
            });
        });
        List<DestinationsView.Destination> out = new ArrayList<>();
        byCountry.forEach((country, m) -> out.add(new DestinationsView.Destination(country, m.select(DESTINATION_MEASURES))));
        Comparator<DestinationsView.Destination> byValue =
                Comparator.comparing(x -> x.measures().get(MeasureCatalog.EXPORT_VALUE), Comparator.<BigInteger>reverseOrder());
        out.sort(byValue.thenComparing(DestinationsView.Destination::country));
        return out;
    }

    /** Every district when {@code stateCode} is null, else those of the state (which must have some). */
    private Predicate<String> districtFilter(String stateCode) {
        if (stateCode == null) return d -> true;
        List<String> codes = inState(stateCode).stream().map(District::getDistrictCode).toList();
        if (codes.isEmpty()) throw new NotFoundException("no district of the reference data is in state '" + stateCode + "'");
        return codes::contains;
    }

    private List<District> inState(String stateCode) {
        return districts.get().stream().filter(d -> d.getStateCode().equals(stateCode)).toList();
    }
}

package org.odop.pulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odop.pulse.domain.MeasureCatalog.EXPORT_SHIPMENTS;
import static org.odop.pulse.domain.MeasureCatalog.EXPORT_VALUE;
import static org.odop.pulse.domain.MeasureCatalog.EXPORT_VALUE_UNCONVERTED;
import static org.odop.pulse.domain.MeasureCatalog.EXPORT_VALUE_USD;
import static org.odop.pulse.domain.MeasureCatalog.LOI_COUNT;
import static org.odop.pulse.domain.MeasureCatalog.LOI_VALUE;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ProductCategory;
import org.odop.pulse.domain.Dimension;
import org.odop.pulse.domain.Measure;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.domain.MeasureValues;

/** Destinations and HS roll-ups from hand-built measure rows and reference rows: no broker, no stores. */
class TradeServiceTest {
    static final String FY = "FY2022-23";
    static final String JULY = "2022-07";

    /** Reference rows in no particular order: two districts of JK, one of ML, one of UP, and one (JK-JAMMU) with no rows. */
    static final List<District> DISTRICTS = List.of(
            ListingServiceTest.district("UP-VARANASI", "Varanasi", "UP", "Uttar Pradesh", null, null),
            ListingServiceTest.district("JK-SRINAGAR", "Srinagar", "JK", "Jammu and Kashmir", null, null),
            ListingServiceTest.district("ML-WEST-JAINTIA-HILLS", "West Jaintia Hills", "ML", "Meghalaya", null, null),
            ListingServiceTest.district("JK-PULWAMA", "Pulwama", "JK", "Jammu and Kashmir", null, null),
            ListingServiceTest.district("JK-JAMMU", "Jammu", "JK", "Jammu and Kashmir", null, null));
    static final List<Product> PRODUCTS = List.of(
            ListingServiceTest.product("SAFFRON", "Saffron", ProductCategory.AGRICULTURE, "JK-PULWAMA", "09102010"),
            ListingServiceTest.product("PASHMINA", "Pashmina shawls", ProductCategory.HANDLOOM, "JK-SRINAGAR", "62142010"),
            ListingServiceTest.product("PAPIER-MACHE", "Papier mache", ProductCategory.HANDICRAFT, "JK-SRINAGAR", "4823"),
            ListingServiceTest.product("BANARASI-SILK", "Banarasi silk sarees", ProductCategory.HANDLOOM, "UP-VARANASI", null),
            ListingServiceTest.product("LAKADONG-TURMERIC", "Lakadong turmeric", ProductCategory.AGRICULTURE,
                    "ML-WEST-JAINTIA-HILLS", "0910"));
    /** Names of HS chapters (the first two digits) this test knows; others have none. */
    static final Function<String, Optional<String>> CHAPTERS =
            code -> code.startsWith("09") ? Optional.of("Coffee, tea, mate and spices") : Optional.empty();

    /** Measure rows by dimension and period, served as the stores would: one district's, or every district's. */
    static final class FakeSource implements MeasuresSource {
        private final Map<Dimension, Map<String, PeriodRows>> rows = new HashMap<>();

        FakeSource add(Dimension d, String period, String district, String member, MeasureValues m) {
            rows.computeIfAbsent(d, x -> new HashMap<>()).computeIfAbsent(period, PeriodRows::empty).add(district, member, m);
            return this;
        }

        @Override
        public PeriodRows district(Dimension dimension, String districtCode, String period) {
            PeriodRows out = PeriodRows.empty(period);
            Map<String, MeasureValues> own = period(dimension, period).byDistrict().get(districtCode);
            if (own != null) own.forEach((member, m) -> out.add(districtCode, member, m));
            return out;
        }

        @Override
        public PeriodRows period(Dimension dimension, String period) {
            PeriodRows out = PeriodRows.empty(period);
            PeriodRows kept = rows.getOrDefault(dimension, Map.of()).get(period);
            if (kept != null) out.addAll(kept);
            return out;
        }
    }

    static MeasureValues exports(long shipments, long paise, long cents, long unconvertedPaise) {
        return MeasureValues.of(Map.of(EXPORT_SHIPMENTS, shipments, EXPORT_VALUE, paise, EXPORT_VALUE_USD, cents,
                EXPORT_VALUE_UNCONVERTED, unconvertedPaise));
    }

    static MeasureValues lois(long count, long paise) {
        return MeasureValues.of(Map.of(LOI_COUNT, count, LOI_VALUE, paise));
    }

    static MeasureValues both(MeasureValues a, MeasureValues b) {
        return a.plus(b);
    }

    /**
     * Exports by destination in FY2022-23 (and one in July 2022), and LOIs and exports by HS code in FY2022-23.
     * Product rows carry a decoy so a view reading the wrong dimension shows it.
     */
    static FakeSource rows() {
        FakeSource s = new FakeSource();
        // Srinagar: US from two products; AE ties with US on rupees (no dollar rate: all unconverted).
        s.add(Dimension.DESTINATION, FY, "JK-SRINAGAR", MeasureKeys.destination("US", "PASHMINA"), exports(2, 1_000_000, 12_000, 0));
        s.add(Dimension.DESTINATION, FY, "JK-SRINAGAR", MeasureKeys.destination("US", "PAPIER-MACHE"), exports(1, 250_000, 3_000, 0));
        s.add(Dimension.DESTINATION, FY, "JK-SRINAGAR", MeasureKeys.destination("AE", "PASHMINA"), exports(1, 1_250_000, 0, 1_250_000));
        s.add(Dimension.DESTINATION, FY, "JK-SRINAGAR", MeasureKeys.destination("DE", "PAPIER-MACHE"), exports(1, 400_000, 4_800, 0));
        s.add(Dimension.DESTINATION, FY, "JK-PULWAMA", MeasureKeys.destination("US", "SAFFRON"), exports(1, 3_000_000, 36_000, 0));
        s.add(Dimension.DESTINATION, FY, "JK-PULWAMA", MeasureKeys.destination("DE", "SAFFRON"), exports(2, 100_000, 1_200, 0));
        s.add(Dimension.DESTINATION, FY, "UP-VARANASI", MeasureKeys.destination("GB", "BANARASI-SILK"), exports(4, 8_000_000, 96_000, 0));
        s.add(Dimension.DESTINATION, FY, "UP-VARANASI", MeasureKeys.destination("US", "BANARASI-SILK"), exports(1, 50_000, 600, 0));
        s.add(Dimension.DESTINATION, JULY, "JK-PULWAMA", MeasureKeys.destination("FR", "SAFFRON"), exports(1, 70_000, 840, 0));

        s.add(Dimension.HS, FY, "JK-PULWAMA", "09102010", both(lois(2, 5_000_000), exports(1, 3_000_000, 36_000, 0)));
        s.add(Dimension.HS, FY, "JK-PULWAMA", "091020", both(lois(1, 700_000), exports(2, 100_000, 1_200, 0)));
        s.add(Dimension.HS, FY, "JK-SRINAGAR", "09109100", exports(1, 200_000, 2_400, 0));
        s.add(Dimension.HS, FY, "JK-SRINAGAR", "09042110", exports(1, 150_000, 1_800, 0));
        s.add(Dimension.HS, FY, "JK-SRINAGAR", "62142010", both(lois(1, 9_000_000), exports(2, 1_000_000, 12_000, 0)));
        s.add(Dimension.HS, FY, "ML-WEST-JAINTIA-HILLS", "0910", both(lois(1, 300_000), exports(3, 900_000, 0, 900_000)));
        s.add(Dimension.HS, FY, "UP-VARANASI", "09101100", exports(1, 200_000, 2_400, 0));
        s.add(Dimension.HS, FY, "UP-VARANASI", "50072010", exports(4, 8_050_000, 96_600, 0));

        s.add(Dimension.PRODUCT, FY, "JK-PULWAMA", "SAFFRON", both(lois(50, 50_000_000), exports(50, 50_000_000, 50_000, 0)));
        s.add(Dimension.PRODUCT, FY, "JK-PULWAMA", MeasureKeys.TOTAL, both(lois(50, 50_000_000), exports(50, 50_000_000, 50_000, 0)));
        return s;
    }

    static TradeService service(MeasuresSource source) {
        return new TradeService(() -> DISTRICTS,
                code -> PRODUCTS.stream().filter(p -> p.getProductCode().equals(code)).findFirst(), CHAPTERS, source);
    }

    private final TradeService trade = service(rows());

    /** A destination as "country shipments rupees dollars unconverted-rupees", money as shown (two decimals). */
    static String row(DestinationsView.Destination d) {
        return d.country() + " " + shown(d.measures(), EXPORT_SHIPMENTS, EXPORT_VALUE, EXPORT_VALUE_USD, EXPORT_VALUE_UNCONVERTED);
    }

    /** An HS district as "code loi-rupees export-rupees dollars unconverted-rupees". */
    static String row(HsView.DistrictRow d) {
        return d.districtCode() + " " + shown(d.measures(), LOI_VALUE, EXPORT_VALUE, EXPORT_VALUE_USD, EXPORT_VALUE_UNCONVERTED);
    }

    static String shown(MeasureValues m, Measure... measures) {
        return java.util.Arrays.stream(measures).map(x -> m.shown(x).toString()).collect(Collectors.joining(" "));
    }

    @Test
    @DisplayName("a district's destinations: each country summed over its products, largest rupee value first, ties by country")
    void districtDestinations() {
        DestinationsView v = trade.districtDestinations("JK-SRINAGAR", FY).orElseThrow();
        assertThat(v.districtCode()).isEqualTo("JK-SRINAGAR");
        assertThat(v.districtName()).isEqualTo("Srinagar");
        assertThat(v.stateCode()).isEqualTo("JK");
        assertThat(v.stateName()).isEqualTo("Jammu and Kashmir");
        assertThat(v.productCode()).isNull();
        assertThat(v.period()).isEqualTo(FY);
        // AE and US both 12500.00 rupees: AE first by country code.
        assertThat(v.destinations()).extracting(TradeServiceTest::row).containsExactly(
                "AE 1 12500.00 0.00 12500.00",
                "US 3 12500.00 150.00 0.00",
                "DE 1 4000.00 48.00 0.00");
        assertThat(v.destinations()).allSatisfy(d -> assertThat(d.measures().measures())
                .containsExactly(EXPORT_SHIPMENTS, EXPORT_VALUE, EXPORT_VALUE_USD, EXPORT_VALUE_UNCONVERTED));
    }

    @Test
    @DisplayName("a district's destinations are those of the period asked; a known district without rows has none")
    void districtDestinationsOfPeriodAndEmpty() {
        assertThat(trade.districtDestinations("JK-PULWAMA", JULY).orElseThrow().destinations())
                .extracting(TradeServiceTest::row).containsExactly("FR 1 700.00 8.40 0.00");
        assertThat(trade.districtDestinations("JK-PULWAMA", "2022-08").orElseThrow().destinations()).isEmpty();
        assertThat(trade.districtDestinations("JK-JAMMU", FY).orElseThrow().destinations()).isEmpty();
    }

    @Test
    @DisplayName("an unknown district has no destinations view (a 404), also in another case")
    void unknownDistrict() {
        assertThat(trade.districtDestinations("JK-NOWHERE", FY)).isEmpty();
        assertThat(trade.districtDestinations("jk-srinagar", FY)).isEmpty();
    }

    @Test
    @DisplayName("a state's destinations: its districts' countries summed, other states' districts left out")
    void stateDestinations() {
        DestinationsView v = trade.stateDestinations("JK", FY).orElseThrow();
        assertThat(v.districtCode()).isNull();
        assertThat(v.stateCode()).isEqualTo("JK");
        assertThat(v.stateName()).isEqualTo("Jammu and Kashmir");
        assertThat(v.period()).isEqualTo(FY);
        assertThat(v.destinations()).extracting(TradeServiceTest::row).containsExactly(
                "US 4 42500.00 510.00 0.00",
                "AE 1 12500.00 0.00 12500.00",
                "DE 3 5000.00 60.00 0.00");
        assertThat(trade.stateDestinations("UP", FY).orElseThrow().destinations()).extracting(TradeServiceTest::row)
                .containsExactly("GB 4 80000.00 960.00 0.00", "US 1 500.00 6.00 0.00");
        assertThat(trade.stateDestinations("AR", FY)).isEmpty();
    }

    @Test
    @DisplayName("every district's destinations: summed across districts, states and products")
    void allDestinations() {
        DestinationsView v = trade.destinations(FY, null, null);
        assertThat(v.stateCode()).isNull();
        assertThat(v.productCode()).isNull();
        assertThat(v.destinations()).extracting(TradeServiceTest::row).containsExactly(
                "GB 4 80000.00 960.00 0.00",
                "US 5 43000.00 516.00 0.00",
                "AE 1 12500.00 0.00 12500.00",
                "DE 3 5000.00 60.00 0.00");
    }

    @Test
    @DisplayName("destinations of one product, of one state, and of both")
    void productAndStateFilters() {
        DestinationsView saffron = trade.destinations(FY, null, "SAFFRON");
        assertThat(saffron.productCode()).isEqualTo("SAFFRON");
        assertThat(saffron.destinations()).extracting(TradeServiceTest::row)
                .containsExactly("US 1 30000.00 360.00 0.00", "DE 2 1000.00 12.00 0.00");

        DestinationsView up = trade.destinations(FY, "UP", null);
        assertThat(up.stateCode()).isEqualTo("UP");
        assertThat(up.destinations()).extracting(TradeServiceTest::row)
                .containsExactly("GB 4 80000.00 960.00 0.00", "US 1 500.00 6.00 0.00");

        assertThat(trade.destinations(FY, "JK", "PAPIER-MACHE").destinations()).extracting(TradeServiceTest::row)
                .containsExactly("DE 1 4000.00 48.00 0.00", "US 1 2500.00 30.00 0.00");
        // A known product with no exports in the state: no destinations, not an error.
        assertThat(trade.destinations(FY, "UP", "PASHMINA").destinations()).isEmpty();
    }

    @Test
    @DisplayName("destinations of an unknown state or product: NotFoundException naming it")
    void unknownStateOrProduct() {
        assertThatThrownBy(() -> trade.destinations(FY, "AR", null)).isInstanceOf(NotFoundException.class).hasMessageContaining("'AR'");
        assertThatThrownBy(() -> trade.destinations(FY, null, "KIWI")).isInstanceOf(NotFoundException.class).hasMessageContaining("'KIWI'");
        assertThatThrownBy(() -> trade.destinations(FY, "JK", "saffron")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("money is exact: sums beyond the range of a long (in paise and in cents) across districts do not overflow")
    void exactMoney() {
        FakeSource big = new FakeSource();
        big.add(Dimension.DESTINATION, FY, "JK-PULWAMA", MeasureKeys.destination("US", "SAFFRON"),
                exports(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        big.add(Dimension.DESTINATION, FY, "JK-SRINAGAR", MeasureKeys.destination("US", "PASHMINA"),
                exports(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 1));
        big.add(Dimension.DESTINATION, FY, "UP-VARANASI", MeasureKeys.destination("US", "BANARASI-SILK"), exports(1, 1, 1, 0));
        big.add(Dimension.HS, FY, "JK-PULWAMA", "09102010", both(lois(Long.MAX_VALUE, Long.MAX_VALUE),
                exports(1, Long.MAX_VALUE, Long.MAX_VALUE, 0)));
        big.add(Dimension.HS, FY, "JK-SRINAGAR", "09109100", both(lois(1, Long.MAX_VALUE), exports(1, Long.MAX_VALUE, 2, 0)));
        TradeService t = service(big);

        // 2 x 9223372036854775807 + 1 = 18446744073709551615 hundredths.
        assertThat(t.destinations(FY, null, null).destinations()).extracting(TradeServiceTest::row).containsExactly(
                "US 18446744073709551615 184467440737095516.15 184467440737095516.15 92233720368547758.08");
        assertThat(t.stateDestinations("JK", FY).orElseThrow().destinations()).extracting(TradeServiceTest::row).containsExactly(
                "US 18446744073709551614 184467440737095516.14 184467440737095516.14 92233720368547758.08");

        HsView hs = t.hs("09", FY, null);
        assertThat(shown(hs.totals(), LOI_COUNT, LOI_VALUE, EXPORT_SHIPMENTS, EXPORT_VALUE, EXPORT_VALUE_USD))
                .isEqualTo("9223372036854775808 184467440737095516.14 2 184467440737095516.14 92233720368547758.09");
        // Two districts of the same rupee value: by district code.
        assertThat(hs.districts()).extracting(TradeServiceTest::row).containsExactly(
                "JK-PULWAMA 92233720368547758.07 92233720368547758.07 92233720368547758.07 0.00",
                "JK-SRINAGAR 92233720368547758.07 92233720368547758.07 0.02 0.00");
        assertThat(t.hs("09", FY, null).totals().get(EXPORT_VALUE))
                .isEqualTo(java.math.BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1));
    }

    @Test
    @DisplayName("an HS chapter (2 digits): every code under it, by district, largest rupee export first, totals the sum of the districts")
    void hsChapter() {
        HsView v = trade.hs("09", FY, null);
        assertThat(v.hsPrefix()).isEqualTo("09");
        assertThat(v.chapterName()).isEqualTo("Coffee, tea, mate and spices");
        assertThat(v.period()).isEqualTo(FY);
        assertThat(v.stateCode()).isNull();
        assertThat(v.districts()).extracting(TradeServiceTest::row).containsExactly(
                "JK-PULWAMA 57000.00 31000.00 372.00 0.00",
                "ML-WEST-JAINTIA-HILLS 3000.00 9000.00 0.00 9000.00",
                "JK-SRINAGAR 0.00 3500.00 42.00 0.00",
                "UP-VARANASI 0.00 2000.00 24.00 0.00");
        HsView.DistrictRow ml = v.districts().get(1);
        assertThat(ml.districtName()).isEqualTo("West Jaintia Hills");
        assertThat(ml.stateCode()).isEqualTo("ML");
        assertThat(ml.measures().measures()).containsExactly(LOI_VALUE, EXPORT_VALUE, EXPORT_VALUE_USD, EXPORT_VALUE_UNCONVERTED);

        assertThat(v.totals().measures()).containsExactly(LOI_COUNT, LOI_VALUE, EXPORT_SHIPMENTS, EXPORT_VALUE,
                EXPORT_VALUE_USD, EXPORT_VALUE_UNCONVERTED);
        assertThat(shown(v.totals(), LOI_COUNT, LOI_VALUE, EXPORT_SHIPMENTS, EXPORT_VALUE, EXPORT_VALUE_USD, EXPORT_VALUE_UNCONVERTED))
                .isEqualTo("4 60000.00 9 45500.00 438.00 9000.00");
        MeasureValues sum = v.districts().stream().map(HsView.DistrictRow::measures).reduce(MeasureValues.ZERO, MeasureValues::plus);
        assertThat(sum).isEqualTo(v.totals());
    }

    @Test
    @DisplayName("HS prefixes of 4, 6 and 8 digits: codes starting with the prefix count, a code shorter than the prefix does not")
    void hsPrefixLengths() {
        // 0910 leaves out Srinagar's 0904 (pepper) but keeps ML's 4-digit 0910.
        assertThat(trade.hs("0910", FY, null).districts()).extracting(TradeServiceTest::row).containsExactly(
                "JK-PULWAMA 57000.00 31000.00 372.00 0.00",
                "ML-WEST-JAINTIA-HILLS 3000.00 9000.00 0.00 9000.00",
                "JK-SRINAGAR 0.00 2000.00 24.00 0.00",
                "UP-VARANASI 0.00 2000.00 24.00 0.00");
        // 091020: Pulwama's 8-digit and 6-digit rows; not ML's 0910, which is shorter.
        HsView six = trade.hs("091020", FY, null);
        assertThat(six.districts()).extracting(TradeServiceTest::row).containsExactly("JK-PULWAMA 57000.00 31000.00 372.00 0.00");
        assertThat(shown(six.totals(), LOI_COUNT, EXPORT_SHIPMENTS)).isEqualTo("3 3");
        // 09102010: the 8-digit row only; the 6-digit 091020 does not count under it.
        HsView eight = trade.hs("09102010", FY, null);
        assertThat(eight.districts()).extracting(TradeServiceTest::row).containsExactly("JK-PULWAMA 50000.00 30000.00 360.00 0.00");
        assertThat(shown(eight.totals(), LOI_COUNT, LOI_VALUE, EXPORT_SHIPMENTS, EXPORT_VALUE, EXPORT_VALUE_USD, EXPORT_VALUE_UNCONVERTED))
                .isEqualTo("2 50000.00 1 30000.00 360.00 0.00");
        assertThat(eight.chapterName()).isEqualTo("Coffee, tea, mate and spices");
    }

    @Test
    @DisplayName("an HS prefix with no rows: no districts, zero totals; a chapter without a name has none")
    void hsEmptyAndUnnamed() {
        HsView none = trade.hs("99", FY, null);
        assertThat(none.districts()).isEmpty();
        assertThat(none.totals().isZero()).isTrue();
        assertThat(none.chapterName()).isNull();

        HsView pashmina = trade.hs("6214", FY, null);
        assertThat(pashmina.chapterName()).isNull();
        assertThat(pashmina.districts()).extracting(TradeServiceTest::row).containsExactly("JK-SRINAGAR 90000.00 10000.00 120.00 0.00");
        assertThat(trade.hs("09", JULY, null).districts()).isEmpty();
    }

    @Test
    @DisplayName("an HS prefix in one state: only its districts, totals of those; an unknown state is NotFoundException")
    void hsState() {
        HsView jk = trade.hs("09", FY, "JK");
        assertThat(jk.stateCode()).isEqualTo("JK");
        assertThat(jk.districts()).extracting(TradeServiceTest::row).containsExactly(
                "JK-PULWAMA 57000.00 31000.00 372.00 0.00",
                "JK-SRINAGAR 0.00 3500.00 42.00 0.00");
        assertThat(shown(jk.totals(), LOI_COUNT, LOI_VALUE, EXPORT_SHIPMENTS, EXPORT_VALUE, EXPORT_VALUE_USD, EXPORT_VALUE_UNCONVERTED))
                .isEqualTo("3 57000.00 5 34500.00 414.00 0.00");
        assertThat(trade.hs("0910", FY, "ML").districts()).extracting(HsView.DistrictRow::districtCode)
                .containsExactly("ML-WEST-JAINTIA-HILLS");
        assertThatThrownBy(() -> trade.hs("09", FY, "AR")).isInstanceOf(NotFoundException.class).hasMessageContaining("'AR'");
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "0", "123", "09x1", "091", "09102", "0910201", "091020101", "ab", "09 ", " 09", "-09",
            "\u0660\u0669", "０９"})
    @DisplayName("a prefix of other than 2, 4, 6 or 8 ASCII digits is IllegalArgumentException")
    void malformedPrefix(String prefix) {
        assertThatThrownBy(() -> trade.hs(prefix, FY, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed HS prefix");
    }

    @Test
    @DisplayName("a null prefix is IllegalArgumentException too")
    void nullPrefix() {
        assertThatThrownBy(() -> trade.hs(null, FY, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an HS view's money as it shows: USD is cents/100, INR paise/100, both with two decimals")
    void moneyScale() {
        HsView v = trade.hs("50", FY, null);
        assertThat(v.totals().shown(EXPORT_VALUE)).isEqualTo(new BigDecimal("80500.00"));
        assertThat(v.totals().shown(EXPORT_VALUE_USD)).isEqualTo(new BigDecimal("966.00"));
        assertThat(v.totals().shown(EXPORT_SHIPMENTS)).isEqualTo(new BigDecimal("4"));
        assertThat(v.districts()).extracting(HsView.DistrictRow::districtCode).containsExactly("UP-VARANASI");
    }
}

package org.odop.pulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odop.pulse.domain.MeasureCatalog.LOI_VALUE;
import static org.odop.pulse.serving.TradeServiceTest.DISTRICTS;
import static org.odop.pulse.serving.TradeServiceTest.PRODUCTS;
import static org.odop.pulse.serving.TradeServiceTest.exports;
import static org.odop.pulse.serving.TradeServiceTest.lois;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.odop.pulse.support.StubHttpApi;
import org.odop.pulse.domain.Dimension;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.domain.MeasureValues;

/** The web app's overview, timeline and periods from hand-built measure rows: no broker, no stores. */
class OverviewServiceTest {
    /** 25 November 2026, 10:00 IST: fiscal year FY2026-27, its Q3, month 2026-11. */
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T04:30:00Z"), ZoneOffset.UTC);

    /** Product rows and their district totals, as the stores hold them. */
    static TradeServiceTest.FakeSource rows() {
        TradeServiceTest.FakeSource s = new TradeServiceTest.FakeSource();
        row(s, "FY2022-23", "JK-PULWAMA", "SAFFRON", lois(2, 500_000_00));
        row(s, "FY2022-23", "JK-SRINAGAR", "PASHMINA", exports(1, 200_000_00, 2_400_00, 0));
        row(s, "FY2022-23", "JK-SRINAGAR", "PAPIER-MACHE", lois(1, 10_000_00));
        row(s, "FY2022-23", "UP-VARANASI", "BANARASI-SILK", lois(1, 99_00));
        row(s, "FY2021-22", "JK-PULWAMA", "SAFFRON", lois(1, 100_000_00));
        row(s, "2022-07", "JK-PULWAMA", "SAFFRON", lois(2, 500_000_00));
        row(s, "2022-09", "JK-SRINAGAR", "PASHMINA", exports(1, 200_000_00, 2_400_00, 0));
        row(s, "2022-09", "UP-VARANASI", "BANARASI-SILK", lois(1, 99_00));
        return s;
    }

    private static void row(TradeServiceTest.FakeSource s, String period, String district, String product, MeasureValues m) {
        s.add(Dimension.PRODUCT, period, district, product, m);
        s.add(Dimension.PRODUCT, period, district, MeasureKeys.TOTAL, m);
    }

    static OverviewService service(MeasuresSource source) {
        return new OverviewService(() -> DISTRICTS,
                code -> PRODUCTS.stream().filter(p -> p.getProductCode().equals(code)).findFirst(), source, NOW);
    }

    @Test
    void overviewSumsEveryDistrictIntoTotalsStatesAndCategoriesWithThePreviousPeriod() {
        OverviewView v = service(rows()).overview("FY2022-23");
        assertThat(v.period()).isEqualTo("FY2022-23");
        assertThat(v.previousPeriod()).isEqualTo("FY2021-22");
        assertThat(v.totals()).isEqualTo(lois(4, 510_099_00).plus(exports(1, 200_000_00, 2_400_00, 0)));
        assertThat(v.previous()).isEqualTo(lois(1, 100_000_00));
        // Every state of the reference data, zeros included, by code.
        assertThat(v.states()).extracting(OverviewView.StateRow::stateCode).containsExactly("JK", "ML", "UP");
        assertThat(v.states().get(0).measures()).isEqualTo(lois(3, 510_000_00).plus(exports(1, 200_000_00, 2_400_00, 0)));
        assertThat(v.states().get(1).measures().isZero()).isTrue();
        assertThat(v.states().get(2).measures()).isEqualTo(lois(1, 99_00));
        // Categories from the product rows: saffron is agriculture; pashmina and Banarasi silk handloom.
        assertThat(v.categories()).extracting(OverviewView.CategoryRow::category)
                .containsExactly("AGRICULTURE", "HANDICRAFT", "HANDLOOM");
        assertThat(v.categories().get(0).measures()).isEqualTo(lois(2, 500_000_00));
        assertThat(v.categories().get(2).measures()).isEqualTo(exports(1, 200_000_00, 2_400_00, 0).plus(lois(1, 99_00)));
        // Every district, in reference order, with its coordinates.
        assertThat(v.districts()).hasSize(DISTRICTS.size());
        assertThat(v.districts()).filteredOn(d -> d.districtCode().equals("JK-JAMMU")).singleElement()
                .satisfies(d -> assertThat(d.measures().isZero()).isTrue());
    }

    @Test
    void allHasNoPreviousPeriodAndAProductOutsideTheReferenceDataIsUnknown() {
        TradeServiceTest.FakeSource s = new TradeServiceTest.FakeSource();
        row(s, "all", "JK-SRINAGAR", "WALNUT-WOOD", lois(1, 1_00));
        OverviewView v = service(s).overview("all");
        assertThat(v.previousPeriod()).isNull();
        assertThat(v.previous()).isNull();
        assertThat(v.categories()).singleElement().satisfies(c -> assertThat(c.category()).isEqualTo("UNKNOWN"));
    }

    @Test
    void timelineOfTheCountryAStateAndADistrictMonthByMonth() {
        OverviewService service = service(rows());
        TimelineView india = service.timeline(null, null, "2022-07", "2022-09", Optional.empty()).orElseThrow();
        assertThat(india.months()).extracting(TimelineView.Month::period).containsExactly("2022-07", "2022-08", "2022-09");
        assertThat(india.months().get(0).measures()).isEqualTo(lois(2, 500_000_00));
        assertThat(india.months().get(1).measures().isZero()).isTrue();
        assertThat(india.months().get(2).measures()).isEqualTo(exports(1, 200_000_00, 2_400_00, 0).plus(lois(1, 99_00)));

        TimelineView up = service.timeline(null, "UP", "2022-07", "2022-09", Optional.of(LOI_VALUE)).orElseThrow();
        assertThat(up.months()).extracting(m -> m.measures().get(LOI_VALUE))
                .containsExactly(BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(99_00));
        assertThat(up.months().get(0).measures().measures()).containsExactly(LOI_VALUE);

        TimelineView srinagar = service.timeline("JK-SRINAGAR", null, "2022-09", "2022-09", Optional.empty()).orElseThrow();
        assertThat(srinagar.months()).singleElement()
                .satisfies(m -> assertThat(m.measures()).isEqualTo(exports(1, 200_000_00, 2_400_00, 0)));

        assertThat(service.timeline("XX-NOWHERE", null, "2022-07", "2022-09", Optional.empty())).isEmpty();
        assertThat(service.timeline(null, "XX", "2022-07", "2022-09", Optional.empty())).isEmpty();
    }

    @Test
    void timelineRefusesMalformedReversedAndTooLongRanges() {
        OverviewService service = service(rows());
        assertThatThrownBy(() -> service.timeline(null, null, "2022-7", "2022-09", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'from'");
        assertThatThrownBy(() -> service.timeline(null, null, "2022-07", null, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'to' is required");
        assertThatThrownBy(() -> service.timeline(null, null, "2022-09", "2022-07", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
        assertThat(service.timeline(null, null, "2020-04", "2023-03", Optional.empty()).orElseThrow().months())
                .hasSize(OverviewService.MAX_MONTHS);
        assertThatThrownBy(() -> service.timeline(null, null, "2020-04", "2023-04", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 36 months");
    }

    @Test
    void periodsListEveryFiscalYearFromTheFirstWithDataToTheCurrentOne() {
        PeriodsView v = service(rows()).periods();
        assertThat(v.current()).isEqualTo(new PeriodsView.Current("FY2026-27", "FY2026-27-Q3", "2026-11"));
        // FY2021-22 is the first with data; the years between, empty, are still listed.
        assertThat(v.fiscalYears()).containsExactly("FY2026-27", "FY2025-26", "FY2024-25", "FY2023-24", "FY2022-23", "FY2021-22");
        assertThat(service(StubHttpApi.NO_MEASURES).periods().fiscalYears()).containsExactly("FY2026-27");
    }
}

package org.odop.pulse.serving.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.District;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.domain.MeasureValues;
import org.odop.pulse.serving.PeriodRows;
import org.odop.pulse.support.TestData;
import org.odop.pulse.domain.MeasureKeys;

class RankingsTest {
    private static final Map<String, District> REF = Map.of(
            "JK-A", TestData.district("JK-A", "Alpha", "JK", "Jammu and Kashmir"),
            "JK-B", TestData.district("JK-B", "Bravo", "JK", "Jammu and Kashmir"),
            "JK-C", TestData.district("JK-C", "Charlie", "JK", "Jammu and Kashmir"),
            "UP-D", TestData.district("UP-D", "Delta", "UP", "Uttar Pradesh"),
            "UP-E", TestData.district("UP-E", "Echo", "UP", "Uttar Pradesh"));

    private static MeasureValues exports(long paise) {
        return MeasureValues.of(Map.of(MeasureCatalog.EXPORT_VALUE, paise));
    }

    private static MeasureValues lois(long loiPaise, long linkedPaise) {
        return MeasureValues.of(Map.of(MeasureCatalog.LOI_VALUE, loiPaise, MeasureCatalog.LOI_LINKED_EXPORT_VALUE, linkedPaise));
    }

    private static PeriodRows rows(String period, Map<String, MeasureValues> totals) {
        PeriodRows r = PeriodRows.empty(period);
        totals.forEach((d, m) -> r.add(d, MeasureKeys.TOTAL, m));
        return r;
    }

    private static RankingView rank(RankingMetric metric, String period, String state, int limit, PeriodRows now, PeriodRows before) {
        return Rankings.rank(new Rankings.Request(metric, period, state, null, limit), now, before,
                d -> Optional.ofNullable(REF.get(d)));
    }

    @Test
    @DisplayName("orders by value then district code; equal values share a rank (1, 2, 2, 4); zero values are left out")
    void tiesShareRank() {
        PeriodRows now = rows("all", Map.of("JK-A", exports(300_00), "JK-C", exports(200_00), "JK-B", exports(200_00),
                "UP-D", exports(100_00), "UP-E", exports(0)));
        RankingView view = rank(RankingMetric.of(MeasureCatalog.EXPORT_VALUE), "all", null, 0, now, null);

        assertThat(view.entries()).extracting(RankingView.Entry::rank).containsExactly(1, 2, 2, 4);
        assertThat(view.entries()).extracting(RankingView.Entry::districtCode).containsExactly("JK-A", "JK-B", "JK-C", "UP-D");
        assertThat(view.total()).isEqualByComparingTo("800.00");
        assertThat(view.entries().get(0).sharePct()).isEqualByComparingTo("37.50");
        assertThat(view.entries().get(1).sharePct()).isEqualByComparingTo("25.00");
        assertThat(view.entries().get(0).previousValue()).isNull();
        assertThat(view.entries().get(0).growthPct()).isNull();
        assertThat(view.entries().get(0).districtName()).isEqualTo("Alpha");
    }

    @Test
    @DisplayName("a limit cuts the list but keeps the ranks of a tie")
    void limit() {
        PeriodRows now = rows("all", Map.of("JK-A", exports(300_00), "JK-C", exports(200_00), "JK-B", exports(200_00)));
        RankingView view = rank(RankingMetric.of(MeasureCatalog.EXPORT_VALUE), "all", null, 2, now, null);
        assertThat(view.entries()).extracting(RankingView.Entry::rank).containsExactly(1, 2);
        assertThat(view.total()).isEqualByComparingTo("700.00");
    }

    @Test
    @DisplayName("a state scope ranks only its districts and shares are of the state's total")
    void stateScope() {
        PeriodRows now = rows("FY2022-23", Map.of("JK-A", exports(100_00), "UP-D", exports(300_00), "UP-E", exports(100_00)));
        RankingView view = rank(RankingMetric.of(MeasureCatalog.EXPORT_VALUE), "FY2022-23", "UP", 10, now, rows("FY2021-22", Map.of()));
        assertThat(view.entries()).extracting(RankingView.Entry::districtCode).containsExactly("UP-D", "UP-E");
        assertThat(view.total()).isEqualByComparingTo("400.00");
        assertThat(view.entries().get(0).sharePct()).isEqualByComparingTo("75.00");
        assertThat(view.state()).isEqualTo("UP");
    }

    @Test
    @DisplayName("growth is against the previous period of the same kind, null when that was zero")
    void growth() {
        PeriodRows now = rows("FY2023-24", Map.of("JK-A", exports(150_00), "JK-B", exports(50_00), "JK-C", exports(10_00)));
        PeriodRows before = rows("FY2022-23", Map.of("JK-A", exports(100_00), "JK-B", exports(150_00)));
        RankingView view = rank(RankingMetric.of(MeasureCatalog.EXPORT_VALUE), "FY2023-24", null, 0, now, before);

        assertThat(view.entries().get(0).previousValue()).isEqualByComparingTo("100.00");
        assertThat(view.entries().get(0).growthPct()).isEqualByComparingTo("50.00");
        assertThat(view.entries().get(1).growthPct()).isEqualByComparingTo("-66.67");
        assertThat(view.entries().get(2).previousValue()).isEqualByComparingTo("0.00");
        assertThat(view.entries().get(2).growthPct()).isNull();
    }

    @Test
    @DisplayName("loiConversion is linked export value over LOI value; districts without LOI value are left out; no shares")
    void loiConversion() {
        PeriodRows now = rows("all", Map.of("JK-A", lois(1_000_00, 250_00), "JK-B", lois(300_00, 300_00),
                "JK-C", lois(0, 500_00), "UP-D", lois(900_00, 0)));
        RankingView view = rank(RankingMetric.of(MeasureCatalog.LOI_CONVERSION), "all", null, 0, now, null);

        assertThat(view.entries()).extracting(RankingView.Entry::districtCode).containsExactly("JK-B", "JK-A");
        assertThat(view.entries().get(0).value()).isEqualByComparingTo("1.0000");
        assertThat(view.entries().get(1).value()).isEqualByComparingTo("0.2500");
        assertThat(view.entries().get(0).sharePct()).isNull();
        // The scope's own ratio: (250 + 300) / (1000 + 300)
        assertThat(view.total()).isEqualByComparingTo("0.4231");
    }

    @Test
    @DisplayName("an unknown metric is refused with the valid names")
    void unknownMetric() {
        assertThatThrownBy(() -> RankingMetric.fromApiName("gdp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loiValue, exportValue, ecommerceGmv, loiConversion");
    }

    @Test
    @DisplayName("a product ranking uses the product's rows, not the district totals")
    void productRows() {
        PeriodRows now = PeriodRows.empty("all");
        now.add("JK-A", MeasureKeys.TOTAL, exports(1_000_00));
        now.add("JK-A", "SAFFRON", exports(100_00));
        now.add("JK-B", MeasureKeys.TOTAL, exports(400_00));
        now.add("JK-B", "SAFFRON", exports(400_00));
        RankingView view = Rankings.rank(new Rankings.Request(RankingMetric.of(MeasureCatalog.EXPORT_VALUE), "all", null, "SAFFRON", 10),
                now, null, d -> Optional.ofNullable(REF.get(d)));
        assertThat(view.entries()).extracting(RankingView.Entry::districtCode).containsExactly("JK-B", "JK-A");
        assertThat(view.productCode()).isEqualTo("SAFFRON");
        assertThat(List.of(view.total())).first().isEqualTo(new java.math.BigDecimal("500.00"));
    }
}

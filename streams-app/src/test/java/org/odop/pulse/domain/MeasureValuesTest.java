package org.odop.pulse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MeasureValuesTest {
    @Test
    @DisplayName("sums over many districts are exact beyond the range of a long (a state of full districts)")
    void sumBeyondLong() {
        MeasureValues full = MeasureValues.of(Map.of(MeasureCatalog.LOI_COUNT, 1L, MeasureCatalog.LOI_VALUE, Long.MAX_VALUE,
                MeasureCatalog.EXPORT_VALUE, Long.MAX_VALUE));
        MeasureValues total = MeasureValues.ZERO;
        for (int i = 0; i < 760; i++) total = total.plus(full);
        BigDecimal one = BigDecimal.valueOf(Long.MAX_VALUE, 2);
        assertThat(total.shown(MeasureCatalog.LOI_VALUE)).isEqualByComparingTo(one.multiply(BigDecimal.valueOf(760)));
        assertThat(total.shown(MeasureCatalog.EXPORT_VALUE)).isEqualByComparingTo(one.multiply(BigDecimal.valueOf(760)));
        assertThat(total.get(MeasureCatalog.LOI_COUNT)).isEqualTo(BigInteger.valueOf(760));
    }

    @Test
    @DisplayName("money is shown in rupees with two decimals, counts as they are; a ratio over zero is undefined")
    void shownAndRatios() {
        MeasureValues v = MeasureValues.of(Map.of(MeasureCatalog.LOI_VALUE, 300L, MeasureCatalog.LOI_LINKED_EXPORT_VALUE, 100L,
                MeasureCatalog.EXPORT_SHIPMENTS, 2L));
        assertThat(v.shown(MeasureCatalog.LOI_VALUE)).isEqualTo(new BigDecimal("3.00"));
        assertThat(v.shown(MeasureCatalog.EXPORT_SHIPMENTS)).isEqualTo(new BigDecimal("2"));
        assertThat(v.ratio(MeasureCatalog.LOI_CONVERSION)).get().satisfies(r ->
                assertThat(r.toPlainString()).startsWith("0.333333333333333333333333333333333"));
        assertThat(MeasureValues.ZERO.ratio(MeasureCatalog.LOI_CONVERSION)).isEmpty();
    }

    @Test
    @DisplayName("the catalogue is consistent: unique names, each ranked metric once, ratios over its own measures")
    void catalogue() {
        assertThat(MeasureCatalog.ALL).extracting(Measure::name).doesNotHaveDuplicates();
        assertThat(MeasureCatalog.ALL).extracting(Measure::storeField).doesNotHaveDuplicates();
        assertThat(MeasureCatalog.ALL.stream().filter(m -> m.rankingMetric() != null).map(Measure::rankingMetric))
                .doesNotHaveDuplicates().doesNotContainAnyElementsOf(MeasureCatalog.RATIOS.stream().map(Ratio::name).toList());
        assertThat(MeasureCatalog.RATIOS).allSatisfy(r -> assertThat(MeasureCatalog.ALL).contains(r.numerator(), r.denominator()));
        assertThat(MeasureCatalog.ALL).allSatisfy(m -> assertThat(m.family()).isIn(MeasureCatalog.LOI,
                MeasureCatalog.SHIPMENT, MeasureCatalog.ORDER));
    }
}

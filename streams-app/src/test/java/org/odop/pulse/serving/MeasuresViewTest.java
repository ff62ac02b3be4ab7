package org.odop.pulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.serving.ranking.RankingMetric;
import org.odop.pulse.serving.ranking.Rankings;
import org.odop.pulse.support.TestData;
import org.odop.pulse.domain.MeasureKeys;

class MeasuresViewTest {
    private static Measures loi(long paise, long linkedPaise) {
        return new Measures(1L, paise, 1L, linkedPaise, linkedPaise, 0L, 0L);
    }

    @Test
    @DisplayName("sums over many districts are exact beyond the range of a long (a state of full districts)")
    void sumBeyondLong() {
        List<Measures> rows = Collections.nCopies(760, loi(Long.MAX_VALUE, Long.MAX_VALUE));
        MeasuresView total = MeasuresView.sum(rows);
        BigDecimal one = BigDecimal.valueOf(Long.MAX_VALUE, 2);
        assertThat(total.loiValueInr()).isEqualByComparingTo(one.multiply(BigDecimal.valueOf(760)));
        assertThat(total.exportValueInr()).isEqualByComparingTo(one.multiply(BigDecimal.valueOf(760)));
        assertThat(total.loiCount()).isEqualTo(760);
    }

    @Test
    @DisplayName("loiConversion over a scope whose LOI values add beyond a long is computed, not a 500")
    void conversionRankingBeyondLong() {
        PeriodRows rows = PeriodRows.empty("all");
        rows.add("JK-SRINAGAR", MeasureKeys.TOTAL, loi(Long.MAX_VALUE, Long.MAX_VALUE / 2));
        rows.add("JK-PULWAMA", MeasureKeys.TOTAL, loi(Long.MAX_VALUE, Long.MAX_VALUE / 4));
        var view = Rankings.rank(new Rankings.Request(RankingMetric.LOI_CONVERSION, "all", "JK", null, 0), rows, null,
                code -> Optional.of(TestData.district(code, code, "JK", "Jammu and Kashmir")));
        assertThat(view.entries()).hasSize(2);
        assertThat(view.total()).isEqualByComparingTo("0.3750");
    }
}

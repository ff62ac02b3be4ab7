package org.odop.pulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odop.pulse.serving.ranking.RankingView;

/** The ranking CSV as the handler writes it: no text cell is a live spreadsheet formula, numbers stay numbers. */
class RankingHandlerCsvTest {
    @Test
    void aDistrictNamedLikeAFormulaIsText() throws Exception {
        String csv = new String(TableFormat.csv(Tables.ranking(new RankingView("loiValue", "all", null, null,
                BigDecimal.ZERO, List.of(
                new RankingView.Entry(1, "JK-EVIL", "=HYPERLINK(\"http://example/x\",\"open\")", "@JK",
                        new BigDecimal("100.00"), new BigDecimal("80.00"), new BigDecimal("120.00"), new BigDecimal("-16.67")),
                new RankingView.Entry(2, "+JK-PLUS", "-Minus", "\tJK",
                        new BigDecimal("-25.00"), new BigDecimal("20.00"), null, null),
                new RankingView.Entry(3, "JK-CR", "\r=1+1", "JK",
                        new BigDecimal("0.00"), new BigDecimal("0.00"), null, null))))), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(CsvCellsTest.cells(csv)).containsExactly(
                List.of("rank", "districtCode", "districtName", "stateCode", "value", "sharePct", "previousValue", "growthPct"),
                List.of("1", "JK-EVIL", "'=HYPERLINK(\"http://example/x\",\"open\")", "'@JK", "100.00", "80.00", "120.00", "-16.67"),
                List.of("2", "'+JK-PLUS", "'-Minus", "'\tJK", "-25.00", "20.00", "", ""),
                List.of("3", "JK-CR", "'\r=1+1", "JK", "0.00", "0.00", "", ""));
        // Negative numbers are bare numbers, not text.
        assertThat(csv).contains(",120.00,-16.67\n").contains(",-25.00,20.00,,\n");
    }
}

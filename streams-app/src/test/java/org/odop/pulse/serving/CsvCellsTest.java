package org.odop.pulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellsTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"=HYPERLINK(\"http://example/x\",\"open\")", "=1+2", "+1", "-1", "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1:A2)", "\tsomething", "\r=1", "=", "+", "-", "@", "\t", "\r"})
    void dangerousLeadingCharactersGetAQuote(String cell) {
        assertThat(CsvCells.text(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Pulwama", "JK-PULWAMA", "a=b", "x-1", "1+1", "12.5", "'quoted", " =not first", "\n=1",
            "Srinagar, J&K", "\"=1\"", "ಬೆಳಗಾವಿ", "कश्मीर"})
    void harmlessCellsAreUnchanged(String cell) {
        assertThat(CsvCells.text(cell)).isEqualTo(cell);
    }

    @Test
    void emptyAndNullAreUnchanged() {
        assertThat(CsvCells.text("")).isEmpty();
        assertThat(CsvCells.text(null)).isNull();
    }

    @JsonPropertyOrder({"name", "growthPct", "count", "note"})
    record Row(String name, BigDecimal growthPct, long count, String note) {}

    @Test
    void theMapperNeutralisesTextButNotNumbers() throws Exception {
        var mapper = CsvCells.mapper();
        String csv = mapper.writer(mapper.schemaFor(Row.class).withHeader())
                .writeValueAsString(List.of(new Row("=1+1", new BigDecimal("-12.5"), -3, "-minus"),
                        new Row("Plain", new BigDecimal("4.00"), 7, null)));
        assertThat(cells(csv)).containsExactly(
                List.of("name", "growthPct", "count", "note"),
                List.of("'=1+1", "-12.5", "-3", "'-minus"),
                List.of("Plain", "4.00", "7", ""));
        // Numbers are written bare (a spreadsheet reads them as numbers), not quoted.
        assertThat(csv).contains(",-12.5,-3,");
    }

    /** The cells of a CSV document as a spreadsheet would read them (CSV quoting undone). */
    static List<List<String>> cells(String csv) throws Exception {
        var reader = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).readerForListOf(String.class);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = reader.readValues(csv)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}

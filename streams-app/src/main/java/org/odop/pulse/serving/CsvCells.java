package org.odop.pulse.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.IOException;

/**
 * CSV cells that a spreadsheet will not run as formulas (CSV or formula injection). As OWASP recommends, a
 * text cell beginning with {@code =}, {@code +}, {@code -}, {@code @}, tab (0x09) or carriage return (0x0D)
 * gets a single quote in front, so {@code =HYPERLINK(...)} is shown as the text {@code '=HYPERLINK(...)}.
 * Only text is touched: numbers (BigDecimal, long, int) are written as they are, so a growth of {@code -12.5}
 * stays the number -12.5. Quoting of commas, quotes and line breaks is left to the CSV writer.
 */
public final class CsvCells {
    private CsvCells() {}

    /** {@code text} with a leading single quote if a spreadsheet would read it as a formula; null stays null. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) return text;
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    /**
     * A CSV mapper that writes every String through {@link #text}: use it for every CSV (and spreadsheet)
     * answer, so a new text column cannot forget the rule.
     */
    public static CsvMapper mapper() {
        CsvMapper mapper = new CsvMapper();
        mapper.registerModule(new SimpleModule("spreadsheet-safe-text").addSerializer(String.class, new TextSerializer()));
        return mapper;
    }

    private static final class TextSerializer extends StdSerializer<String> {
        TextSerializer() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(text(value));
        }
    }
}

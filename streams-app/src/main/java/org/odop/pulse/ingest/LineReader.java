package org.odop.pulse.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.odop.pulse.deadletter.DeadLetterReason;

/**
 * Reads NDJSON or CSV one physical line at a time, so every record has a line number a user can find
 * in the file and large files stream through in constant memory. Blank lines are skipped (but counted).
 * A CSV field may not span lines; such a row is reported as malformed rather than misread.
 */
public final class LineReader implements Iterator<InputLine> {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final CsvMapper CSV = new CsvMapper();

    private final BufferedReader reader;
    private final InputFormat format;
    private String[] header;
    private int lineNumber;
    private InputLine next;

    public LineReader(BufferedReader reader, InputFormat format) {
        this.reader = reader;
        this.format = format;
    }

    /** Reads the CSV header row; call before iterating. Throws when a CSV body has no header. */
    public LineReader start() {
        if (format == InputFormat.CSV) {
            String line = readRaw();
            while (line != null && line.isBlank()) line = readRaw();
            if (line == null) throw new UnreadableBodyException("the CSV body is empty: it needs a header row");
            try {
                header = splitCsv(stripBom(line));
            } catch (IOException e) {
                throw new UnreadableBodyException("the CSV header row cannot be read: " + e.getMessage());
            }
            for (int i = 0; i < header.length; i++) header[i] = header[i].trim();
        }
        return this;
    }

    @Override
    public boolean hasNext() {
        if (next != null) return true;
        String text;
        do {
            text = readRaw();
            if (text == null) return false;
        } while (text.isBlank());
        next = format == InputFormat.CSV ? csvLine(text) : jsonLine(lineNumber == 1 ? stripBom(text) : text);
        return true;
    }

    @Override
    public InputLine next() {
        if (!hasNext()) throw new NoSuchElementException();
        InputLine line = next;
        next = null;
        return line;
    }

    private InputLine jsonLine(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return malformed(text, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode obj)) return malformed(text, "not a JSON object");
        Map<String, String> fields = new LinkedHashMap<>();
        for (var it = obj.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) continue;
            if (v.isContainerNode()) {
                return InputLine.unreadable(lineNumber, text, new InvalidRecordException(
                        DeadLetterReason.INVALID_FIELD, "field '" + e.getKey() + "' must be a string or number"));
            }
            fields.put(e.getKey(), v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText());
        }
        return InputLine.read(lineNumber, text, fields);
    }

    private InputLine csvLine(String text) {
        String[] cells;
        try {
            cells = splitCsv(text);
        } catch (IOException e) {
            return malformed(text, "not a valid CSV row (a quoted field may not span lines): " + e.getMessage());
        }
        if (cells.length > header.length) {
            return malformed(text, "has " + cells.length + " fields but the header has " + header.length);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) fields.put(header[i], cells[i]);
        return InputLine.read(lineNumber, text, fields);
    }

    private InputLine malformed(String text, String why) {
        return InputLine.unreadable(lineNumber, text, new InvalidRecordException(DeadLetterReason.MALFORMED, why));
    }

    private static String[] splitCsv(String line) throws IOException {
        try (var it = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY).<String[]>readValues(line)) {
            if (!it.hasNext()) return new String[0];
            String[] row = it.next();
            if (it.hasNext()) throw new IOException("more than one row on a line");
            return row;
        }
    }

    private String readRaw() {
        try {
            String line = reader.readLine();
            if (line != null) lineNumber++;
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}

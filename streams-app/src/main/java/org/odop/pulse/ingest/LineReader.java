package org.odop.pulse.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.domain.EventLimits;

/**
 * Reads NDJSON or CSV one physical line at a time, so every record has a line number a user can find
 * in the file and large files stream through in constant memory. Blank lines are skipped (but counted).
 * A CSV field may not span lines; such a row is reported as malformed rather than misread.
 *
 * <p>Hostile input is judged cheaply and never held twice: a line longer than {@code maxLineBytes} (UTF-8) is
 * not kept whole, only its first {@link #KEPT_PREFIX_BYTES} bytes for the dead letter, and is rejected; a JSON
 * line is read by a streaming parser with {@link StreamReadConstraints} (nesting, number, string and name
 * lengths) and its numbers are kept as the text they were written as, never expanded (see {@link NumberText});
 * a line of more than {@link #MAX_FIELDS} fields or columns is rejected.
 */
public final class LineReader implements Iterator<InputLine> {
    /** More fields than any record has, by far. */
    public static final int MAX_FIELDS = 100;
    /** What is kept of a line over the length limit, for its dead letter. */
    public static final int KEPT_PREFIX_BYTES = DeadLetters.KEPT_PREFIX_BYTES;
    /** The longest value of a field, in characters: no code, name or number comes near it. */
    public static final int MAX_VALUE_LENGTH = 10_000;
    static final int MAX_NESTING_DEPTH = 8;
    static final int MAX_NAME_LENGTH = 256;
    static final int MAX_REASON_LENGTH = 300;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    // Strings and numbers are bounded by the line; a value over MAX_VALUE_LENGTH is rejected
                    // below, naming its field (the parser's own limit would not say which), and numbers stay text
                    // for Fields to judge.
                    .maxNumberLength(EventLimits.MAX_LINE_BYTES)
                    .maxStringLength(EventLimits.MAX_LINE_BYTES)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .build();

    private final Reader reader;
    private final InputFormat format;
    private final int maxLineBytes;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean skipLineFeed;
    private final StringBuilder line = new StringBuilder();
    private long lineBytes;
    private boolean lineTooLong;

    private String[] header;
    private int lineNumber;
    private InputLine next;

    public LineReader(Reader reader, InputFormat format) {
        this(reader, format, EventLimits.MAX_LINE_BYTES);
    }

    /** @param maxLineBytes the longest line accepted, in bytes of UTF-8 */
    public LineReader(Reader reader, InputFormat format, int maxLineBytes) {
        if (maxLineBytes < KEPT_PREFIX_BYTES) {
            throw new IllegalArgumentException("maxLineBytes must be at least " + KEPT_PREFIX_BYTES);
        }
        this.reader = reader;
        this.format = format;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads the CSV header row; call before iterating. Throws when a CSV body has no header. */
    public LineReader start() {
        if (format == InputFormat.CSV) {
            String text = readRaw();
            while (text != null && !lineTooLong && text.isBlank()) text = readRaw();
            if (text == null) throw new UnreadableBodyException("the CSV body is empty: it needs a header row");
            if (lineTooLong) {
                throw new UnreadableBodyException("the CSV header row is longer than " + maxLineBytes + " bytes");
            }
            try {
                header = splitCsv(stripBom(text), MAX_FIELDS);
            } catch (CsvProblem e) {
                throw new UnreadableBodyException("the CSV header row cannot be read: it " + e.getMessage());
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
        } while (!lineTooLong && text.isBlank());
        if (lineTooLong) {
            next = InputLine.tooLong(lineNumber, text, lineBytes, new InvalidRecordException(DeadLetterReason.MALFORMED,
                    "the line is " + lineBytes + " bytes long, more than the limit of " + maxLineBytes + " bytes"));
        } else {
            next = format == InputFormat.CSV ? csvLine(text) : jsonLine(lineNumber == 1 ? stripBom(text) : text);
        }
        return true;
    }

    @Override
    public InputLine next() {
        if (!hasNext()) throw new NoSuchElementException();
        InputLine l = next;
        next = null;
        return l;
    }

    private InputLine jsonLine(String text) {
        // Most garbage is not even shaped like an object: say so without starting a parser.
        int first = 0, last = text.length() - 1;
        while (first <= last && Character.isWhitespace(text.charAt(first))) first++;
        while (last >= first && Character.isWhitespace(text.charAt(last))) last--;
        if (first > last || text.charAt(first) != '{') return malformed(text, "not a JSON object");
        if (text.charAt(last) != '}') return malformed(text, "not valid JSON: the object does not end with '}' on this line");
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return malformed(text, "not a JSON object");
            int count = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (++count > MAX_FIELDS) return malformed(text, "has more than " + MAX_FIELDS + " fields");
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    fields.remove(name);
                } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    return InputLine.unreadable(lineNumber, text, new InvalidRecordException(
                            DeadLetterReason.INVALID_FIELD, "field " + Fields.quote(name) + " must be a string or number"));
                } else {
                    // Numbers too stay the text they were written as: Fields judges them by it.
                    String value = p.getText();
                    if (value.length() > MAX_VALUE_LENGTH) return tooLongValue(text, name);
                    fields.put(name, value);
                }
            }
            if (t != JsonToken.END_OBJECT) return malformed(text, "not valid JSON: expected a field name, got " + t);
            if (p.nextToken() != null) return malformed(text, "not valid JSON: more after the end of the object");
        } catch (StreamConstraintsException e) {
            return malformed(text, "over a limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return malformed(text, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return malformed(text, "not valid JSON: " + e.getMessage());
        }
        return InputLine.read(lineNumber, text, fields);
    }

    private InputLine csvLine(String text) {
        String[] cells;
        try {
            cells = splitCsv(text, header.length);
        } catch (CsvProblem e) {
            return malformed(text, "not a valid CSV row: it " + e.getMessage());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].length() > MAX_VALUE_LENGTH) return tooLongValue(text, header[i]);
            fields.put(header[i], cells[i]);
        }
        return InputLine.read(lineNumber, text, fields);
    }

    private InputLine tooLongValue(String text, String field) {
        return InputLine.unreadable(lineNumber, text, new InvalidRecordException(DeadLetterReason.INVALID_FIELD,
                "field " + Fields.quote(field) + " is longer than " + MAX_VALUE_LENGTH + " characters"));
    }

    private InputLine malformed(String text, String why) {
        String reason = why.length() <= MAX_REASON_LENGTH ? why : why.substring(0, MAX_REASON_LENGTH) + "…";
        return InputLine.unreadable(lineNumber, text, new InvalidRecordException(DeadLetterReason.MALFORMED, reason));
    }

    /** Why a CSV row cannot be read; the message completes "it ...". */
    static final class CsvProblem extends Exception {
        CsvProblem(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The cells of one CSV row written on one line (RFC 4180: comma-separated, a field in double quotes may hold
     * commas and doubled quotes), in one pass. More than {@code maxCells} cells is a problem; they are counted, not
     * kept.
     */
    static String[] splitCsv(String text, int maxCells) throws CsvProblem {
        List<String> cells = new ArrayList<>();
        int count = 0;
        int i = 0;
        int n = text.length();
        StringBuilder quoted = new StringBuilder();
        while (true) {
            count++;
            boolean keep = count <= maxCells;
            if (i < n && text.charAt(i) == '"') {
                quoted.setLength(0);
                i++;
                while (true) {
                    if (i >= n) throw new CsvProblem("has a quoted field that is not closed (a field may not span lines)");
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            if (keep) quoted.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else if (keep) {
                        quoted.append(c);
                    }
                }
                if (keep) cells.add(quoted.toString());
                if (i == n) break;
                if (text.charAt(i) != ',') {
                    throw new CsvProblem("has a character after a closing quote at column " + (i + 1));
                }
                i++;
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                if (keep) cells.add(text.substring(i, end));
                if (comma < 0) break;
                i = comma + 1;
            }
        }
        if (count > maxCells) throw new CsvProblem("has " + count + " fields but at most " + maxCells + " are expected"
                + (maxCells == MAX_FIELDS ? "" : " (the header's)"));
        return cells.toArray(new String[0]);
    }

    /**
     * The next physical line (ended by LF, CR or CR LF), or null at the end. Sets {@link #lineBytes} to its length
     * in UTF-8; when that is over the limit, sets {@link #lineTooLong} and returns only a prefix of at most
     * {@link #KEPT_PREFIX_BYTES} bytes: the rest is read and counted, never stored.
     */
    private String readRaw() {
        line.setLength(0);
        lineBytes = 0;
        lineTooLong = false;
        int keptPrefix = 0; // chars of the line that fit in KEPT_PREFIX_BYTES
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (!any) return null;
                break;
            }
            char c = buffer[pos++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') continue;
            }
            any = true;
            if (c == '\n') break;
            if (c == '\r') {
                skipLineFeed = true;
                break;
            }
            lineBytes += utf8Length(c);
            if (lineTooLong) continue;
            line.append(c);
            if (lineBytes <= KEPT_PREFIX_BYTES && !Character.isHighSurrogate(c)) keptPrefix = line.length();
            if (lineBytes > maxLineBytes) {
                lineTooLong = true;
                line.setLength(keptPrefix);
            }
        }
        lineNumber++;
        return line.toString();
    }

    /** A high surrogate stands for the four bytes of its pair, the low one for none. */
    private static int utf8Length(char c) {
        if (c < 0x80) return 1;
        if (c < 0x800) return 2;
        if (Character.isHighSurrogate(c)) return 4;
        if (Character.isLowSurrogate(c)) return 0;
        return 3;
    }

    private boolean fill() {
        if (eof) return false;
        try {
            int n;
            do {
                n = reader.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}

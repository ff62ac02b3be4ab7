package org.odop.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odop.pulse.ingest.Adversarial.forAll;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.domain.EventLimits;

/**
 * Properties of {@link LineReader} for NDJSON and CSV: whatever the body, every non-blank physical line comes out
 * once, with its number, either as fields or as a documented rejection; nothing else is thrown; well-formed
 * objects and rows come out exactly as written.
 */
class LineReaderPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a whole body, checking the documented outcomes of every line. */
    private static List<InputLine> readAll(String body, InputFormat format) {
        LineReader reader;
        try {
            reader = new LineReader(new StringReader(body), format).start();
        } catch (UnreadableBodyException e) {
            assertThat(format).isEqualTo(InputFormat.CSV);
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
        List<InputLine> out = new ArrayList<>();
        int last = format == InputFormat.CSV ? 1 : 0;
        while (reader.hasNext()) {
            InputLine l = reader.next();
            assertThat(l.number()).isGreaterThan(last);
            last = l.number();
            if (l.unreadable() == null) {
                assertThat(l.fields()).isNotNull();
                assertThat(l.fields().size()).isLessThanOrEqualTo(LineReader.MAX_FIELDS);
            } else {
                assertThat(l.fields()).isNull();
                assertThat(l.unreadable().reason()).isIn(DeadLetterReason.MALFORMED, DeadLetterReason.INVALID_FIELD);
                assertThat(l.unreadable().getMessage()).isNotBlank().hasSizeLessThan(600);
            }
            out.add(l);
        }
        assertThat(last).as("line numbers never pass the physical lines").isLessThanOrEqualTo(physicalLines(body));
        return out;
    }

    private static int physicalLines(String body) {
        int n = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == body.length() || body.charAt(i + 1) != '\n'))) n++;
        }
        return body.isEmpty() || body.endsWith("\n") || body.endsWith("\r") ? n : n + 1;
    }

    private static String jsonValue(Adversarial g) {
        return switch (g.random.nextInt(8)) {
            case 0 -> g.numberText().replaceAll("[^0-9eE+.-]", "1");
            case 1 -> g.pick("true", "false", "null", "{}", "[]", "[1,[2]]", "{\"a\":{\"b\":1}}", "1e999999999",
                    "-1E-999999999", "0.0000000000000000000000000000001", "1" + "0".repeat(5000));
            case 2 -> "[".repeat(g.random.nextInt(2000));
            default -> {
                try {
                    yield JSON.writeValueAsString(g.text(40));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static String ndjsonLine(Adversarial g) {
        return switch (g.random.nextInt(6)) {
            case 0 -> g.text(60);
            case 1 -> {
                StringBuilder b = new StringBuilder("{");
                int n = g.length(150);
                for (int i = 0; i < n; i++) {
                    if (i > 0) b.append(',');
                    b.append('"').append(g.pick("valueInr", "x", "eventId", "k" + i, "")).append("\":").append(jsonValue(g));
                }
                yield b.append(g.pick("}", "", "}}", "} x", "}\u0000", ",}")).toString();
            }
            case 2 -> g.pick("{", "}", "{}", "[]", "\"x\"", "1", "null", "{\"a\":1}{\"b\":2}", "{\"a\" 1}", "{'a':1}",
                    "\uFEFF{\"a\":\"b\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u0000\"}", "{\"a\":NaN}", "{\"a\":01}");
            case 3 -> "{\"a\":\"" + "s".repeat(g.random.nextInt(20_000)) + "\"}";
            case 4 -> "[".repeat(g.random.nextInt(100_000));
            default -> "{\"k\":" + jsonValue(g) + "}";
        };
    }

    private static String body(Adversarial g, java.util.function.Function<Adversarial, String> line) {
        StringBuilder b = new StringBuilder();
        int n = g.length(20);
        for (int i = 0; i < n; i++) b.append(line.apply(g)).append(g.pick("\n", "\r\n", "\r", "\n\n", "\n \n"));
        if (g.chance(0.5)) b.append(line.apply(g));
        return b.toString();
    }

    @Test
    @DisplayName("NDJSON: any body gives each line as fields or a documented rejection, in order, promptly")
    void ndjsonAnyBody() {
        forAll("ndjsonAnyBody", 400, g -> body(g, LineReaderPropertyTest::ndjsonLine),
                body -> readAll(body, InputFormat.NDJSON));
    }

    @Test
    @DisplayName("NDJSON: an object of any string values (any unicode) reads back exactly; numbers stay as written")
    void ndjsonRoundTrip() {
        forAll("ndjsonRoundTrip", g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            int n = g.length(LineReader.MAX_FIELDS);
            for (int i = 0; i < n; i++) {
                String number = g.numberText();
                m.put("k" + i + g.text(5), g.chance(0.2) ? number.substring(0, Math.min(200, number.length())) : g.text(50));
            }
            return m;
        }, m -> {
            StringBuilder line = new StringBuilder("{");
            for (var e : m.entrySet()) {
                if (line.length() > 1) line.append(',');
                String v = (String) e.getValue();
                boolean asNumber = v.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
                line.append(JSON.writeValueAsString(e.getKey())).append(':').append(asNumber ? v : JSON.writeValueAsString(v));
            }
            line.append('}');
            List<InputLine> lines = readAll(line.toString(), InputFormat.NDJSON);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0).unreadable()).as("%s", lines.get(0).unreadable()).isNull();
            Map<String, String> expected = new LinkedHashMap<>();
            m.forEach((k, v) -> expected.put(k, (String) v));
            assertThat(lines.get(0).fields()).isEqualTo(expected);
        });
    }

    private static String csvCell(Adversarial g) {
        return switch (g.random.nextInt(5)) {
            case 0 -> g.numberText();
            case 1 -> g.pick("", " ", "\"", "\"\"", ",", "a,b", "\"quoted\"", "x\"y", "=HYPERLINK(\"x\")", "\u0000");
            default -> g.text(30);
        };
    }

    /** RFC 4180 quoting, sometimes applied to cells that need none. */
    private static String quote(Adversarial g, String cell) {
        boolean needs = cell.contains(",") || cell.startsWith("\"");
        return needs || g.chance(0.2) ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    @Test
    @DisplayName("CSV: rows of any cells (commas, quotes, any unicode) written with RFC 4180 quoting read back exactly")
    void csvRoundTrip() {
        forAll("csvRoundTrip", g -> {
            int columns = 1 + g.random.nextInt(12);
            List<List<String>> rows = new ArrayList<>();
            List<String> header = new ArrayList<>();
            for (int c = 0; c < columns; c++) header.add("h" + c);
            rows.add(header);
            int n = 1 + g.random.nextInt(5);
            for (int r = 0; r < n; r++) {
                List<String> row = new ArrayList<>();
                int cells = 1 + g.random.nextInt(columns);
                for (int c = 0; c < cells; c++) row.add(csvCell(g));
                rows.add(row);
            }
            return rows;
        }, rows -> {
            Adversarial g = new Adversarial(rows.hashCode());
            StringBuilder body = new StringBuilder();
            List<List<String>> expected = new ArrayList<>();
            for (List<String> row : rows) {
                List<String> written = new ArrayList<>();
                for (String cell : row) written.add(quote(g, cell));
                String line = String.join(",", written);
                body.append(line).append('\n');
                if (row != rows.get(0) && !line.isBlank()) expected.add(row);
            }
            List<InputLine> lines = readAll(body.toString(), InputFormat.CSV);
            assertThat(lines).hasSize(expected.size());
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i).unreadable()).as("%s", lines.get(i).unreadable()).isNull();
                assertThat(new ArrayList<>(lines.get(i).fields().values())).isEqualTo(expected.get(i));
            }
        });
    }

    @Test
    @DisplayName("CSV: any body (unbalanced quotes, too many columns, huge cells) gives documented outcomes only")
    void csvAnyBody() {
        forAll("csvAnyBody", 400, g -> {
            StringBuilder b = new StringBuilder(g.chance(0.1) ? "" : "a,b,c\n");
            if (g.chance(0.05)) b.append("h").append(",h".repeat(g.random.nextInt(200_000))).append('\n');
            return b + body(g, x -> switch (x.random.nextInt(5)) {
                case 0 -> x.text(80);
                case 1 -> "x" + ",y".repeat(x.random.nextInt(100_000));
                case 2 -> "\"" + x.text(20);
                case 3 -> "a,\"" + "q".repeat(x.random.nextInt(20_000)) + "\",c";
                default -> String.join(",", csvCell(x), csvCell(x), csvCell(x));
            });
        }, body -> readAll(body, InputFormat.CSV));
    }

    @Test
    @DisplayName("a line over the limit is rejected with the limit and only a prefix of at most 4 KiB, cut between characters, is kept")
    void lineLimit() {
        String emoji = "\uD83D\uDE00";
        String huge = "{\"a\":\"" + emoji.repeat(EventLimits.MAX_LINE_BYTES / 4 + 10) + "\"}";
        List<InputLine> lines = readAll("{\"a\":1}\n" + huge + "\n{\"b\":2}", InputFormat.NDJSON);
        assertThat(lines).extracting(InputLine::number).containsExactly(1, 2, 3);
        InputLine tooLong = lines.get(1);
        assertThat(tooLong.truncated()).isTrue();
        assertThat(tooLong.truncatedFromBytes()).isEqualTo(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(tooLong.unreadable().getMessage()).contains(Integer.toString(EventLimits.MAX_LINE_BYTES));
        byte[] kept = tooLong.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(kept.length).isLessThanOrEqualTo(LineReader.KEPT_PREFIX_BYTES).isGreaterThan(4000);
        assertThat(huge).startsWith(tooLong.text());
        assertThat(Character.isHighSurrogate(tooLong.text().charAt(tooLong.text().length() - 1))).isFalse();
        assertThat(lines.get(2).fields()).containsEntry("b", "2");

        String exactly = "{\"a\":\"" + "x".repeat(EventLimits.MAX_LINE_BYTES - 8) + "\"}";
        assertThat(exactly.length()).isEqualTo(EventLimits.MAX_LINE_BYTES);
        InputLine atLimit = readAll(exactly, InputFormat.NDJSON).get(0);
        assertThat(atLimit.truncated()).isFalse();
        assertThat(atLimit.unreadable().getMessage()).as("judged as JSON, not as too long").doesNotContain("bytes long");
    }

    @Test
    @DisplayName("a CSV header over the field limit, or empty, makes the body unreadable (400), with a message")
    void csvHeader() {
        assertThatThrownBy(() -> new LineReader(new StringReader("a" + ",b".repeat(200) + "\n"), InputFormat.CSV).start())
                .isInstanceOf(UnreadableBodyException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> new LineReader(new StringReader(" \n\r\n"), InputFormat.CSV).start())
                .isInstanceOf(UnreadableBodyException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> new LineReader(new StringReader("\"a,b\n"), InputFormat.CSV).start())
                .isInstanceOf(UnreadableBodyException.class).hasMessageContaining("header");
    }
}

package org.odop.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.ingest.Adversarial.forAll;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Content types: any header value gives a format or none (a 415), never an exception. */
class InputFormatPropertyTest {
    private static final Set<String> NDJSON =
            Set.of("application/x-ndjson", "application/ndjson", "application/jsonl", "application/json");

    @Test
    @DisplayName("any Content-Type gives a format only for the accepted media types with no charset but UTF-8")
    void anyContentType() {
        forAll("contentTypes", g -> g.chance(0.2) ? g.text(40) : g.contentType(), ct -> {
            Optional<InputFormat> f = InputFormat.fromContentType(ct);
            String[] parts = ct.split(";", -1);
            String mt = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean paramsOk = true;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.isEmpty()) continue;
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    paramsOk = false;
                } else if (p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                    String v = p.substring(eq + 1).trim().replaceAll("^\"(.*)\"$", "$1").toLowerCase(Locale.ROOT);
                    paramsOk &= v.equals("utf-8") || v.equals("utf8");
                }
            }
            Optional<InputFormat> expected = !paramsOk ? Optional.empty()
                    : NDJSON.contains(mt) ? Optional.of(InputFormat.NDJSON)
                    : mt.equals("text/csv") ? Optional.of(InputFormat.CSV) : Optional.empty();
            assertThat(f).isEqualTo(expected);
        });
    }

    @Test
    @DisplayName("accepted types with odd but valid parameters are read; malformed and missing ones are not")
    void examples() {
        assertThat(InputFormat.fromContentType(null)).isEmpty();
        assertThat(InputFormat.fromContentType("")).isEmpty();
        assertThat(InputFormat.fromContentType(";")).isEmpty();
        assertThat(InputFormat.fromContentType(";text/csv")).isEmpty();
        assertThat(InputFormat.fromContentType("text/csv; charset=latin1")).isEmpty();
        assertThat(InputFormat.fromContentType("text/csv; charset")).isEmpty();
        assertThat(InputFormat.fromContentType("text/csv; =utf-8")).isEmpty();
        assertThat(InputFormat.fromContentType("text/csv;")).contains(InputFormat.CSV);
        assertThat(InputFormat.fromContentType(" Text/CSV ; Charset=\"UTF-8\" ; header=present")).contains(InputFormat.CSV);
        assertThat(InputFormat.fromContentType("application/x-ndjson;;charset=utf8")).contains(InputFormat.NDJSON);
        assertThat(InputFormat.fromContentType("application/json; q=0.5")).contains(InputFormat.NDJSON);
    }
}

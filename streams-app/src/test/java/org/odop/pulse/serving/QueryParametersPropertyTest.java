package org.odop.pulse.serving;

import org.odop.pulse.http.HttpApi;
import org.odop.pulse.support.TestKeys;
import org.odop.pulse.support.StubHttpApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.ingest.Adversarial.forAll;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.ingest.Adversarial;
import org.odop.pulse.serving.ranking.RankingMetric;
import org.odop.pulse.serving.ranking.RankingService;
import org.odop.pulse.domain.Periods;

/**
 * Every query parameter the API parses (period, and the ranking's metric, limit, state and format), with random and
 * adversarial values, over HTTP: the answer is 200 or a 400 with a message, as the documented rules say, and
 * never anything else.
 */
class QueryParametersPropertyTest {
    private static final Pattern FY = Pattern.compile("FY(\\d{4})-(\\d{2})(-Q[1-4])?");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static HttpApi api;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        api = StubHttpApi.start(null, 1024, null);
        // The first spreadsheet loads POI's classes, seconds on a busy machine: not what the per-try limit is about.
        TableFormat.xlsx(new Table("warm-up", java.util.List.of("a"), java.util.List.of(java.util.List.of("b"))));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String periodValue(Adversarial g) {
        return switch (g.random.nextInt(6)) {
            case 0 -> g.pick("all", "ALL", "All", "FY2022-23", "FY2022-24", "FY1999-00", "FY9999-00", "FY0000-01", "2022-07",
                    "2022-13", "2022-00", "0000-01", "9999-12", "FY2022-2023", "fy2022-23", "2022-7", "FY２０２２-23", "2022-07 ",
                    "FY2022-23-Q1", "FY2022-23-Q4", "FY2022-23-Q5", "FY2022-23-Q0", "FY2022-24-Q1", "FY2022-23-q1",
                    "FY2022-23Q1", "FY2022-23-Q1 ", "FY2022-23-Q１", "FY0000-01-Q1", "FY9999-00-Q4");
            case 1 -> {
                int start = g.random.nextInt(10000);
                int end = g.chance(0.5) ? (start + 1) % 100 : g.random.nextInt(100);
                yield String.format("FY%04d-%02d", start, end)
                        + (g.chance(0.5) ? "" : "-" + g.pick("Q", "Q", "q", "") + g.random.nextInt(7));
            }
            case 2 -> String.format("%04d-%02d", g.random.nextInt(10000), g.random.nextInt(14));
            default -> g.text(20);
        };
    }

    private static boolean validPeriod(String p) {
        if (p.equals("all")) return true;
        var fy = FY.matcher(p);
        if (fy.matches()) return Integer.parseInt(fy.group(2)) == (Integer.parseInt(fy.group(1)) + 1) % 100;
        return MONTH.matcher(p).matches();
    }

    @Test
    @DisplayName("Periods.isValid: any text is judged without an exception, as the documented forms say")
    void periods() {
        forAll("periods", QueryParametersPropertyTest::periodValue,
                p -> assertThat(Periods.isValid(p)).as(p).isEqualTo(validPeriod(p)));
        assertThat(Periods.isValid(null)).isFalse();
    }

    @Test
    @DisplayName("rankings: any metric, period, limit, state and format (json, csv, xlsx) give 200, or 400 with a message when one is invalid")
    void rankingParameters() {
        forAll("rankingParameters", 400, g -> {
            Map<String, String> q = new LinkedHashMap<>();
            if (g.chance(0.9)) q.put("metric", g.chance(0.6) ? g.pick(RankingMetric.ALL.toArray(new RankingMetric[0])).apiName() : g.pick("", "LOIVALUE", "loiValue ", g.text(15)));
            if (g.chance(0.6)) q.put("period", periodValue(g));
            if (g.chance(0.6)) {
                q.put("limit", g.pick("0", "10", "-1", "2147483647", "2147483648", "99999999999999999999", "1e3", "1.5", "+5",
                        " 5", "", "٣", Integer.toString(g.random.nextInt()), g.text(8)));
            }
            if (g.chance(0.5)) q.put("state", g.pick("JK", "", " ", "jk", "=HYPERLINK(\"x\")", g.text(10)));
            if (g.chance(0.5)) q.put("format", g.pick("csv", "CSV", "json", "xlsx", "", " ", "xml", g.text(6)));
            if (g.chance(0.2)) q.put("Accept", g.pick("text/csv", "application/json", "*/*", ";", "text/csv;q=0"));
            return q;
        }, q -> {
            StringBuilder url = new StringBuilder("http://127.0.0.1:" + api.port() + "/api/v1/rankings?");
            q.forEach((k, v) -> {
                if (!k.equals("Accept")) url.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            });
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Adversarial.PER_TRY).GET()
                    .header("Authorization", TestKeys.ADMIN_BEARER);
            if (q.containsKey("Accept")) req.header("Accept", q.get("Accept"));
            HttpResponse<String> r = CLIENT.send(req.build(), HttpResponse.BodyHandlers.ofString());

            String metric = sent(q.get("metric"));
            // Javalin takes an empty period or limit for an absent one (so the default applies).
            String period = blankToNull(sent(q.get("period")));
            String limit = blankToNull(sent(q.get("limit")));
            String format = blankToNull(sent(q.get("format")));
            boolean valid = metric != null
                    && (format == null || format.isBlank() || java.util.List.of("json", "csv", "xlsx").contains(format.trim().toLowerCase(java.util.Locale.ROOT))) && RankingMetric.ALL.stream().anyMatch(m -> m.apiName().equals(metric))
                    && (period == null || validPeriod(period))
                    && (limit == null || wholeNumberOrAll(limit));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(valid ? 200 : 400);
            if (!valid) assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isNotBlank();
        });
    }

    /** The documented rule: a whole number (as Integer.parseInt reads one), 0 for all, never negative. */
    private static boolean wholeNumberOrAll(String limit) {
        try {
            return Integer.parseInt(limit) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** What the server receives: the value as URL-encoded from UTF-8 (a lone surrogate becomes '?'). */
    private static String sent(String v) {
        return v == null ? null : new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}

package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.Http;
import org.slf4j.LoggerFactory;

/**
 * Request bodies never reach the logs: bodies of accepted lines, refused lines (422), lines that are not JSON, lines
 * with control characters and a line the pipeline holds for an unknown district all carry a marker, and nothing the
 * application logs (down to DEBUG, from the HTTP request through the topology) contains it.
 */
class IngestLogSafetyIntegrationTest {
    private static final String NDJSON = "application/x-ndjson";

    @TempDir
    Path dir;

    @Test
    @DisplayName("no raw request body, accepted or refused, reaches the logs")
    void bodiesAreNeverLogged() throws Exception {
        String marker = "RAWBODY-" + UUID.randomUUID();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger pulse = (Logger) LoggerFactory.getLogger("org.odop.pulse");
        Level pulseLevel = pulse.getLevel();
        root.addAppender(logs);
        pulse.setLevel(Level.DEBUG);
        try (PulseApplication app = PulseApplication.start(PulseConfig.embeddedDefaults(dir).withPorts(0, 0, 0))) {
            Http http = Http.of(app);
            await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);

            var accepted = http.post("/api/v1/ingest/lois", NDJSON, loi("ok1", "JK-SRINAGAR", marker, "\"1000.00\""));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

            var refused = http.post("/api/v1/ingest/lois", NDJSON, String.join("\n",
                    loi("ok2", "JK-SRINAGAR", marker + " \\u001b[2J\\r\\n12:00:00.000 ERROR forged", "\"2000.00\""),
                    loi("bad1", "JK-SRINAGAR", marker, "\"" + marker + "\""),      // not a number
                    loi("bad2", "JK-SRINAGAR", marker, "-5"),                        // negative
                    "{\"eventId\":\"bad3\",\"buyer\":\"" + marker + "\" not json at all",
                    loi("bad4", "JK-SRINAGAR", marker + "\u001b[31m\r\u0007", "\"1.00\""), // raw control characters
                    loi("held1", "XX-NOWHERE", marker, "\"3.00\"")));               // held by the pipeline (logged)
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.json().get("accepted").asInt()).isEqualTo(2);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var view = http.get("/api/v1/districts/JK-SRINAGAR?period=2022-07");
                assertThat(view.json().get("loiValueInr").decimalValue()).isEqualByComparingTo("3000.00");
                assertThat(events(logs)).anyMatch(e -> e.getFormattedMessage().contains("XX-NOWHERE"));
            });
        } finally {
            root.detachAppender(logs);
            pulse.setLevel(pulseLevel);
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : events(logs)) {
            lines.add(e.getFormattedMessage());
            throwableMessages(e.getThrowableProxy(), lines);
        }
        // The held event's unknown district is logged (a code, escaped by the log pattern), but no body.
        assertThat(lines).noneMatch(l -> l != null && l.contains(marker.substring("RAWBODY-".length())));
    }

    /** What the appender holds so far (it appends under its own lock). */
    private static List<ILoggingEvent> events(ListAppender<ILoggingEvent> logs) {
        synchronized (logs) {
            return List.copyOf(logs.list);
        }
    }

    private static void throwableMessages(IThrowableProxy t, List<String> into) {
        if (t == null) return;
        into.add(t.getMessage());
        throwableMessages(t.getCause(), into);
        for (IThrowableProxy s : t.getSuppressed()) throwableMessages(s, into);
    }

    private static String loi(String eventId, String district, String buyer, String valueInr) {
        return String.format("{\"eventId\":\"%s\",\"loiId\":\"L-%s\",\"meetId\":\"BSM-SKICC-2022-07-30\","
                + "\"districtCode\":\"%s\",\"productCode\":\"PASHMINA\",\"buyer\":\"%s\",\"seller\":\"Seller %s\","
                + "\"valueInr\":%s,\"signedAt\":\"2022-07-30T11:00:00+05:30\"}", eventId, eventId, district, buyer, buyer,
                valueInr);
    }
}

package org.odop.pulse.serving;

import org.odop.pulse.http.HttpApi;
import org.odop.pulse.support.TestKeys;
import org.odop.pulse.support.StubHttpApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.ingest.IngestService;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.serving.ranking.RankingService;

/**
 * The ingest endpoint over real HTTP (Javalin on the loopback) with a {@link MockProducer} behind it: the defect
 * bodies of issue 9 and what each must get. Real brokers are covered by the integration tests.
 */
class IngestHttpHardeningTest {
    static final Duration HANG_GUARD = Duration.ofSeconds(10);

    private final PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final AtomicLong deadLettersCounted = new AtomicLong();
    private final Map<String, AtomicLong> countedBySource = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpApi api;

    @BeforeEach
    void start() {
        IngestService ingest = new IngestService(producer, serdes, (source, reason) -> {
            deadLettersCounted.incrementAndGet();
            countedBySource.computeIfAbsent(source, s -> new AtomicLong()).incrementAndGet();
        });
        api = StubHttpApi.start(ingest, 64L * 1024 * 1024, null);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Answer post(String type, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/ingest/" + type))
                .header("Authorization", TestKeys.ADMIN_BEARER).timeout(HANG_GUARD).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b.build());
    }

    Answer post(String type, String contentType, String body) {
        return post(type, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + pathAndQuery))
                .header("Authorization", TestKeys.ADMIN_BEARER).timeout(HANG_GUARD).GET().build());
    }

    private Answer send(HttpRequest request) {
        return assertTimeoutPreemptively(HANG_GUARD.plusSeconds(1), () -> {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        });
    }

    static String loi(String eventId, String valueInrToken, String signedAt) {
        return "{\"eventId\":\"" + eventId + "\",\"loiId\":\"L-" + eventId + "\",\"meetId\":\"BSM-SKICC-2022\","
                + "\"districtCode\":\"JK-SRINAGAR\",\"productCode\":\"PASHMINA\",\"buyer\":\"FabIndia\","
                + "\"seller\":\"Artisan co-op\",\"valueInr\":" + valueInrToken + ",\"signedAt\":\"" + signedAt + "\"}";
    }

    static String loi(String eventId, String valueInrToken) {
        return loi(eventId, valueInrToken, "2022-07-30T11:00:00+05:30");
    }

    private List<ProducerRecord<byte[], byte[]>> produced(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private List<String> producedLoiIds() {
        return produced(Topics.LOIS.name()).stream()
                .map(r -> serdes.value(Topics.LOIS).deserializer().deserialize(r.topic(), r.value()))
                .map(LoiSigned::getEventId).toList();
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return DeadLetters.get(r.headers(), name);
    }

    private static void assertRejectedLine(JsonNode answer, int index, int line, String... reasonContains) {
        JsonNode rej = answer.get("rejected").get(index);
        assertThat(rej.get("line").asInt()).as("line of rejection %d in %s", index, answer).isEqualTo(line);
        assertThat(rej.get("reason").asText()).contains(reasonContains);
    }

    @Test
    @DisplayName("defect 1: {\"x\":1e999999999} (an unknown key) is judged by its text: the line is answered, never expanded")
    void hugeExponentInAnUnknownKey() {
        Answer alone = post("lois", "application/x-ndjson", "{\"x\":1e999999999}");
        assertThat(alone.status()).isEqualTo(422);
        assertRejectedLine(alone.json(), 0, 1, "missing required field");

        Answer withLoi = post("lois", "application/x-ndjson",
                loi("e1", "1500.00").replace("{\"eventId\"", "{\"x\":1e999999999,\"y\":-1E-999999999,\"eventId\""));
        assertThat(withLoi.status()).as(withLoi.body()).isEqualTo(200);
        assertThat(withLoi.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(producedLoiIds()).containsExactly("e1");
    }

    @Test
    @DisplayName("defect 2: huge exponents in every money, quantity and coordinate field, NDJSON and CSV, are a prompt 422 naming the field")
    void hugeExponentsInNumericFields() {
        for (String huge : List.of("1e100000000", "1e10000000", "-1e999999999", "1E+2147483648", "0.1e-99999999999",
                "9".repeat(5000), "1" + "0".repeat(200_000))) {
            for (String token : List.of(huge, "\"" + huge + "\"")) {
                Answer a = post("lois", "application/x-ndjson", loi("e1", token));
                assertThat(a.status()).as("%s: %s", token, a.body()).isEqualTo(422);
                assertRejectedLine(a.json(), 0, 1, "valueInr");
            }
            String shipmentHeader = "eventId,shipmentId,districtCode,productCode,status,quantity,unit,valueInr,destinationCountry,occurredAt\n";
            Answer q = post("shipments", "text/csv", shipmentHeader
                    + "s1,SH1,JK-PULWAMA,SAFFRON,SHIPPED," + huge + ",kg,10,AE,2022-09-01T10:00:00+05:30\n"
                    + "s2,SH1,JK-PULWAMA,SAFFRON,SHIPPED,1," + "kg," + huge + ",AE,2022-09-01T10:00:00+05:30\n");
            assertThat(q.status()).as(q.body()).isEqualTo(422);
            assertRejectedLine(q.json(), 0, 2, "quantity");
            assertRejectedLine(q.json(), 1, 3, "valueInr");
            String order = "{\"eventId\":\"o1\",\"orderId\":\"O1\",\"platform\":\"GEM\",\"districtCode\":\"JK-PULWAMA\","
                    + "\"productCode\":\"SAFFRON\",\"quantity\":%s,\"amountInr\":%s,\"status\":\"PLACED\","
                    + "\"occurredAt\":\"2022-09-01T10:00:00+05:30\"}";
            Answer o = post("orders", "application/x-ndjson",
                    String.format(order, huge, "10") + "\n" + String.format(order, "2", huge));
            assertThat(o.status()).as(o.body()).isEqualTo(422);
            assertRejectedLine(o.json(), 0, 1, "quantity");
            assertRejectedLine(o.json(), 1, 2, "amountInr");
            String districts = "districtCode,name,stateCode,stateName,latitude,longitude\n"
                    + "JK-X,X,JK,Jammu and Kashmir," + huge + ",74.8\n"
                    + "JK-Y,Y,JK,Jammu and Kashmir,34.1," + huge + "\n";
            Answer d = post("districts", "text/csv", districts);
            assertThat(d.status()).as(d.body()).isEqualTo(422);
            assertRejectedLine(d.json(), 0, 2, "latitude");
            assertRejectedLine(d.json(), 1, 3, "longitude");
        }
        assertThat(produced(Topics.LOIS.name())).isEmpty();
    }

    @Test
    @DisplayName("defect 3: an LOI above Rs 1 lakh crore (e.g. the largest long in paise) is a 422 stating the limit; the limit itself is accepted")
    void moneyAboveTheLimit() {
        Answer a = post("lois", "application/x-ndjson", String.join("\n",
                loi("e1", "92233720368547758.07"),
                loi("e2", "\"1000000000000.01\""),
                loi("e3", "1000000000000.00"),
                loi("e4", "-0.01"),
                loi("e5", "1e12"),
                loi("e6", "1.00000000000001e12")));
        assertThat(a.status()).as(a.body()).isEqualTo(422);
        assertRejectedLine(a.json(), 0, 1, "valueInr", "1,00,000 crore");
        assertRejectedLine(a.json(), 1, 2, "valueInr", "1,00,000 crore");
        assertRejectedLine(a.json(), 2, 4, "valueInr", "negative");
        assertRejectedLine(a.json(), 3, 6, "valueInr", "1,00,000 crore");
        assertThat(a.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(producedLoiIds()).containsExactly("e3", "e5");
    }

    @Test
    @DisplayName("defect 4: event times outside the window are a 422 for their line naming the field; the other lines are stored")
    void eventTimesOutsideTheWindow() {
        Answer a = post("lois", "application/x-ndjson", String.join("\n",
                loi("e1", "10", "2022-07-30T11:00:00+05:30"),
                loi("e2", "10", "2099-01-01T00:00:00Z"),
                loi("e3", "10", "1969-12-31T23:59:59Z"),
                loi("e4", "10", "+300000000-01-01T00:00:00Z"),
                loi("e5", "10", "-999999999-01-01T00:00:00Z"),
                loi("e6", "10", "1999-12-31T23:59:59.999Z"),
                loi("e7", "10", "2000-01-01T00:00:00Z")));
        assertThat(a.status()).as(a.body()).isEqualTo(422);
        assertThat(a.json().get("accepted").asInt()).isEqualTo(2);
        assertRejectedLine(a.json(), 0, 2, "signedAt", "ahead");
        assertRejectedLine(a.json(), 1, 3, "signedAt", "2000-01-01T00:00:00Z");
        assertRejectedLine(a.json(), 2, 4, "signedAt", "ahead");
        assertRejectedLine(a.json(), 3, 5, "signedAt", "2000-01-01T00:00:00Z");
        assertRejectedLine(a.json(), 4, 6, "signedAt", "2000-01-01T00:00:00Z");
        assertThat(producedLoiIds()).containsExactly("e1", "e7");

        String order = "{\"eventId\":\"o1\",\"orderId\":\"O1\",\"platform\":\"GEM\",\"districtCode\":\"JK-PULWAMA\","
                + "\"productCode\":\"SAFFRON\",\"quantity\":1,\"amountInr\":10,\"status\":\"PLACED\",\"occurredAt\":\"%s\"}";
        Answer o = post("orders", "application/x-ndjson", String.format(order, "1800-01-01T00:00:00Z"));
        assertThat(o.status()).as(o.body()).isEqualTo(422);
        assertRejectedLine(o.json(), 0, 1, "occurredAt");
    }

    @Test
    @DisplayName("defect 5: a malformed, unsupported or missing Content-Type is a 415 saying what is accepted")
    void contentTypes() {
        for (String contentType : new String[] {";", " ; ", "text/plain", "application/xml", "text/csv; charset=iso-8859-1",
                "application/x-ndjson; charset", "=", "text/csv;;;=;", "application", null}) {
            Answer a = post("lois", contentType, loi("e1", "10"));
            assertThat(a.status()).as("Content-Type %s: %s", contentType, a.body()).isEqualTo(415);
            assertThat(a.json().get("error").asText()).contains("application/x-ndjson").contains("text/csv");
        }
        for (String contentType : new String[] {"application/x-ndjson", "Application/X-NDJSON; charset=UTF-8",
                "application/json;charset=\"utf-8\"", "application/jsonl; boundary=x"}) {
            Answer a = post("lois", contentType, loi("e1", "10"));
            assertThat(a.status()).as("Content-Type %s: %s", contentType, a.body()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("defect 6: a body of 100,000 bad one-character lines gets a bounded answer and a bounded number of dead letters, losing no line")
    void manyBadLines() {
        int bad = 100_000;
        StringBuilder body = new StringBuilder(bad * 2 + 400);
        for (int i = 0; i < bad; i++) body.append(i == 50_000 ? loi("good", "10") : "x").append('\n');
        Answer a = post("lois", "application/x-ndjson", body.toString());

        assertThat(a.status()).isEqualTo(422);
        JsonNode json = a.json();
        assertThat(json.get("accepted").asLong()).isEqualTo(1);
        assertThat(json.get("rejectedCount")).as("rejectedCount in the answer").isNotNull();
        assertThat(json.get("rejectedCount").asLong()).isEqualTo(bad - 1);
        assertThat(json.get("rejected")).hasSize(1000);
        assertThat(json.get("rejectedNotListed").asLong()).isEqualTo(bad - 1 - 1000);
        assertRejectedLine(json, 999, 1000, "not a JSON object");
        assertThat(producedLoiIds()).containsExactly("good");

        var dead = produced(Topics.DEAD_LETTER);
        var singles = dead.stream().filter(r -> header(r, "odop.dlq.batch") == null).toList();
        var batches = dead.stream().filter(r -> "true".equals(header(r, "odop.dlq.batch"))).toList();
        assertThat(singles).hasSize(1000);
        assertThat(header(singles.get(999), DeadLetters.HEADER_LINE)).isEqualTo("1000");
        // 98,999 more lines in batches of at most 1000 lines: 99 records, not 98,999.
        assertThat(batches).hasSize(99);
        long batchedLines = 0;
        List<Integer> lineNumbers = new ArrayList<>();
        for (var b : batches) {
            int lines = Integer.parseInt(header(b, "odop.dlq.lines"));
            assertThat(lines).isBetween(1, 1000);
            assertThat(new String(b.value(), StandardCharsets.UTF_8).split("\n", -1)).hasSize(lines).containsOnly("x");
            for (String n : header(b, "odop.dlq.line-numbers").split(",")) lineNumbers.add(Integer.parseInt(n));
            assertThat(header(b, DeadLetters.HEADER_REASON)).isEqualTo("MALFORMED");
            assertThat(header(b, DeadLetters.HEADER_SOURCE)).isEqualTo("ingest:lois");
            batchedLines += lines;
        }
        assertThat(batchedLines).isEqualTo(bad - 1 - 1000);
        assertThat(lineNumbers).doesNotHaveDuplicates().doesNotContain(50_001).hasSize(bad - 1 - 1000)
                .allMatch(n -> n > 1000 && n <= bad);
        assertThat(header(batches.get(0), "odop.dlq.first-line")).isEqualTo("1001");
        assertThat(header(batches.get(batches.size() - 1), "odop.dlq.last-line")).isEqualTo(Integer.toString(bad));
        assertThat(deadLettersCounted.get()).as("every rejected line counted once").isEqualTo(bad - 1);
    }

    @Test
    @DisplayName("defect 7: a line over the line limit is a 422 stating it; its dead letter keeps a 4 KiB prefix and says it was truncated")
    void lineOverTheLimit() {
        String longBuyer = "b".repeat(1024 * 1024 - 300);
        String longLine = loi("long", "10").replace("\"FabIndia\"", "\"" + longBuyer + "\"");
        Answer a = post("lois", "application/x-ndjson", loi("e1", "10") + "\n" + longLine + "\n" + loi("e3", "10"));

        assertThat(a.status()).isEqualTo(422);
        assertThat(a.body().length()).as("the answer does not repeat the line").isLessThan(2000);
        assertRejectedLine(a.json(), 0, 2, "262144");
        assertThat(producedLoiIds()).containsExactly("e1", "e3");
        var dead = produced(Topics.DEAD_LETTER);
        assertThat(dead).hasSize(1);
        var d = dead.get(0);
        assertThat(d.value().length).isLessThanOrEqualTo(4096);
        assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo(longLine.substring(0, d.value().length));
        assertThat(header(d, "odop.dlq.truncated")).isEqualTo("true");
        assertThat(header(d, "odop.dlq.original-bytes")).isEqualTo(Integer.toString(longLine.length()));
        int headerBytes = 0;
        for (var h : d.headers()) headerBytes += h.key().length() + h.value().length;
        assertThat(d.value().length + headerBytes).isLessThan(16 * 1024);
    }

    @Test
    @DisplayName("hostile shapes: deep nesting, huge strings, thousands of keys, 100k CSV columns, NUL bytes, odd unicode: each a 422 for its line")
    void hostileShapes() {
        String deep = "[".repeat(100_000);
        String deepInObject = "{\"a\":" + "[".repeat(100_000) + "}";
        String hugeString = loi("e1", "10").replace("\"FabIndia\"", "\"" + "s".repeat(200_000) + "\"");
        StringBuilder manyKeys = new StringBuilder("{");
        for (int i = 0; i < 5000; i++) manyKeys.append("\"k").append(i).append("\":1,");
        String thousandsOfKeys = manyKeys + loi("e2", "10").substring(1);
        String nul = loi("e3", "10").replace("FabIndia", "Fab\\u0000India");
        String rawNul = loi("e4", "10").replace("\"FabIndia\"", "\"Fab\u0000India\"").replace(",\"seller\"", "\u0000,\"seller\"");
        String oddUnicode = loi("e5", "10").replace("FabIndia", "\uD83D\uDE00 \u202E\uFEFF\u0301 \uFFFF");
        String badSurrogate = loi("e6", "10").replace("FabIndia", "\\uD800");
        Answer a = post("lois", "application/x-ndjson",
                String.join("\n", deep, deepInObject, hugeString, thousandsOfKeys, nul, rawNul, oddUnicode, badSurrogate));
        assertThat(a.status()).as(a.body()).isEqualTo(422);
        JsonNode json = a.json();
        assertThat(json.get("rejected")).extracting(r -> r.get("line").asInt()).containsExactly(1, 2, 3, 4, 6);
        assertThat(json.get("accepted").asInt()).isEqualTo(3);
        assertThat(a.body().length()).as("no rejection repeats its line").isLessThan(4000);

        StringBuilder wide = new StringBuilder("districtCode,name,stateCode,stateName\n");
        wide.append("JK-X,X,JK,Jammu").append(",c".repeat(100_000)).append('\n');
        wide.append("JK-Y,\"Y, with \"\"quotes\"\"\",JK,\"Jammu\"\n");
        wide.append("JK-Z,\"unterminated,JK,Jammu\n");
        wide.append("JK-W,W\u0000,JK,Jammu\n");
        Answer c = post("districts", "text/csv", wide.toString());
        assertThat(c.status()).as(c.body()).isEqualTo(422);
        assertThat(c.json().get("rejected")).extracting(r -> r.get("line").asInt()).containsExactly(2, 4);
        assertThat(c.json().get("accepted").asInt()).isEqualTo(2);

        StringBuilder wideHeader = new StringBuilder("districtCode");
        wideHeader.append(",h".repeat(100_000)).append('\n');
        Answer h = post("districts", "text/csv", wideHeader.toString());
        assertThat(h.status()).as(h.body()).isEqualTo(400);
        assertThat(h.json().get("error").asText()).contains("header");
    }

    @Test
    @DisplayName("a body that is not UTF-8 is a 400 saying so, and nothing is produced")
    void notUtf8() {
        byte[] good = (loi("e1", "10") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[good.length + 3];
        System.arraycopy(good, 0, body, 0, good.length);
        body[good.length] = (byte) 0xC3;
        body[good.length + 1] = (byte) 0x28;
        body[good.length + 2] = (byte) 0xFF;
        Answer a = post("lois", "application/x-ndjson", body);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("error").asText()).contains("UTF-8");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    @DisplayName("fx-rates: a currency not in ISO 4217, a date-time validFrom, a zero or five-decimal rate are each a 422 naming the line; the good lines are stored")
    void fxRatesRejectedLines() {
        String rate = "{\"currency\":\"%s\",\"validFrom\":\"%s\",\"inrPerUnit\":\"%s\",\"source\":\"CBIC\"}";
        Answer a = post("fx-rates", "application/x-ndjson", String.join("\n",
                String.format(rate, "USD", "2022-08-01", "79.5000"),
                String.format(rate, "XYZ", "2022-08-01", "79.5000"),
                String.format(rate, "USD", "2022-08-01T00:00:00+05:30", "79.5000"),
                String.format(rate, "EUR", "2022-08-01", "81.25"),
                String.format(rate, "USD", "2022-09-01", "0"),
                String.format(rate, "USD", "2022-09-01", "80.12345")));
        assertThat(a.status()).as(a.body()).isEqualTo(422);
        assertThat(a.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(a.json().get("rejectedCount").asInt()).isEqualTo(4);
        assertRejectedLine(a.json(), 0, 2, "currency", "'XYZ'", "ISO 4217");
        assertRejectedLine(a.json(), 1, 3, "validFrom");
        assertRejectedLine(a.json(), 2, 5, "inrPerUnit", "greater than zero");
        assertRejectedLine(a.json(), 3, 6, "inrPerUnit", "4 decimals");
        assertThat(produced(Topics.FX_RATES.name())).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("USD|2022-08-01", "EUR|2022-08-01");
        assertThat(produced(Topics.DEAD_LETTER)).extracting(r -> header(r, DeadLetters.HEADER_LINE)).containsExactly("2", "3", "5", "6");
        assertThat(countedBySource.get("ingest:fx-rates")).hasValue(4);
    }
}

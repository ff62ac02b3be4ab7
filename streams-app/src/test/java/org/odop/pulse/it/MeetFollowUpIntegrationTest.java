package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.avro.LoiAlert;
import org.odop.pulse.avro.LoiAlertType;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.demo.DemoDataGenerator;
import org.odop.pulse.demo.DemoOptions;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.registry.RestSchemaRegistryClient;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.ExpectedMeets;
import org.odop.pulse.support.ExpectedMeets.Loi;
import org.odop.pulse.support.Http;
import org.odop.pulse.topology.meet.FollowUp;

/**
 * Buyer-seller meets end to end on two instances of the application sharing one real broker: a generated history
 * (several dozen meets, the Srinagar meet of 2022-07-30 among them, LOIs shipped in full, in part or never, with the
 * generator's duplicates, late, out-of-order, invalid and unknown-district lines; its LOIs and shipments, since orders
 * change no meet view) goes in over HTTP, and every meet
 * view, the meets list and the follow-up list, with their filters, must equal on both instances a recomputation in
 * plain Java ({@link ExpectedMeets}). Then a correction and an unchanged re-import of LOIs, a linked export for a due
 * LOI, a due LOI corrected into a district on another partition and then followed up there, and the alerts on
 * odop.alerts.lois.v1: exactly one LOI_FOLLOW_UP_DUE per due LOI, one FOLLOWED_UP once an export is linked, never a
 * second one, whatever district the LOI is moved to; and odop_loi_follow_up_due summed over the instances.
 * <p>
 * The data set is fixed (seeded, up to 2025-03-31), so it is the same in every run. The wall clock is not: the
 * follow-up limit is chosen in whole days so that the due line (now minus the limit) falls in the middle of the
 * longest quiet spell between LOIs in the data's last year. So some LOIs are DUE and others still OPEN, and none
 * changes status during the run.
 */
class MeetFollowUpIntegrationTest {
    private static final String NDJSON = "application/x-ndjson";
    private static final Instant DATA_UNTIL = Instant.parse("2025-03-31T00:00:00Z");
    private static final int EVENTS = 20_000;
    private static final String SRINAGAR = "BSM-JK-SRINAGAR-SKICC-2022-07-30";
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final DateTimeFormatter IST_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.ofHoursMinutes(5, 30));
    private static final Pattern MONEY = Pattern.compile("\"(\\w*Inr)\":(null|-?[0-9.Ee+-]+)");
    private static final Pattern CONVERSION = Pattern.compile("\"conversion\":(null|[0-9.Ee+-]+)");

    @TempDir
    Path dir;

    private ExpectedMeets expected;

    @Test
    @DisplayName("two instances: every meet view, the meets and follow-up lists equal a recomputation; corrections, "
            + "re-imports, linked exports and exactly-once LOI alerts")
    void meetsAndFollowUpOnTwoInstances() throws Exception {
        List<GeneratedLine> lines = new DemoDataGenerator(
                DemoOptions.backfill(DemoOptions.BACKFILL_SEED, DATA_UNTIL, EVENTS)).stream().toList();
        Duration after = followUpLimit(lines, Instant.now());
        expected = new ExpectedMeets(after);

        // No standby replicas: every task runs once, which halves the work of two instances on a small machine.
        PulseConfig first = PulseConfig.embeddedDefaults(dir.resolve("a")).withPorts(0, 0, 0).toBuilder()
                .standbyReplicas(0).followUp(new FollowUp(after, CHECK_EVERY, () -> {}, type -> {})).build();
        try (PulseApplication a = PulseApplication.start(first);
             PulseApplication b = PulseApplication.start(first.asInstance(a.bootstrapServers(), a.schemaRegistryUrl(),
                     dir.resolve("b"), 0));
             AlertLog alerts = new AlertLog(a.bootstrapServers(), a.schemaRegistryUrl())) {
            List<Http> both = List.of(awaitReady(a, a.adminKey()), awaitReady(b, a.adminKey()));
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    a.streams().metadataForAllStreamsClients().size() == 2
                            && List.of(a, b).stream().allMatch(x -> x.streams().state() == KafkaStreams.State.RUNNING)
                            && List.of(a, b).stream().allMatch(x -> x.streams().metadataForLocalThreads().stream()
                                    .mapToInt(t -> t.activeTasks().size()).sum() > 0));

            // Exports first, then LOIs (so most exports are in when their LOI comes), each to another instance. The
            // data set's orders change no meet view and are left out to keep the run short.
            ingest(both.get(1), RecordType.SHIPMENTS, lines);
            ingest(both.get(0), RecordType.LOIS, lines);
            assertDataSetIsRich(System.currentTimeMillis());

            // 1. Every view on both instances equals the recomputation. The meets list first (it sums everything).
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> both.forEach(http -> assertMeets(http, null, null, null)));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (Http http : both) assertEveryView(http);
            });
            assertSrinagar(both.get(0));

            // 2. Exactly one LOI_FOLLOW_UP_DUE per due LOI (none for open ones; a DUE for an LOI whose exports came
            // after it was found due is followed by one FOLLOWED_UP), and the gauge summed over both instances.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertAlerts(alerts.poll(), System.currentTimeMillis()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertDueGauge(both));

            // 3. A correction (new value) of a due Srinagar LOI and, in the same body before it, an unchanged LOI
            // re-imported under a new eventId. Both are in one district (one partition of the LOI topic), and their
            // loiIds fall in one partition of the loi-by-id repartition topic, so the re-import is processed before
            // the correction all the way: once the correction shows, whatever the re-import did shows too.
            long now = System.currentTimeMillis();
            Loi corrected = expected.lois().stream()
                    .filter(l -> l.meetId().equals(SRINAGAR) && expected.status(l, now).equals("DUE"))
                    .min(Comparator.comparing(Loi::loiId)).orElseThrow();
            String district = corrected.districtCode();
            int byIdPartitions = alerts.partitions(first.applicationId() + "-loi-by-id-repartition");
            Loi reimported = expected.lois().stream()
                    .filter(l -> l.districtCode().equals(district) && !l.loiId().equals(corrected.loiId()))
                    .filter(l -> partition(l.loiId(), byIdPartitions) == partition(corrected.loiId(), byIdPartitions))
                    .min(Comparator.comparing(Loi::loiId)).orElseThrow();
            long newPaise = corrected.paise() + 1_234_567;
            String reimport = withEventId(reimported.json(), "it-reimport-1").toString();
            ObjectNode correction = withEventId(corrected.json(), "it-correction-1");
            correction.put("valueInr", ExpectedMeets.inr(newPaise).setScale(2).toPlainString());
            Instant beforeCorrection = Instant.now();
            post(both.get(1), RecordType.LOIS, reimport + "\n" + correction);
            expected.accepted(RecordType.LOIS, reimport);
            expected.accepted(RecordType.LOIS, correction.toString());
            assertThat(expected.loi(corrected.loiId()).paise()).isEqualTo(newPaise);
            assertThat(expected.valuesOf(reimported.loiId())).hasSize(1);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                long t = System.currentTimeMillis();
                for (Http http : both) {
                    for (String meetId : Set.of(SRINAGAR, reimported.meetId())) assertMeet(http, meetId, t);
                    assertDistrictLois(http, corrected);
                }
            });
            for (Http http : both) {
                JsonNode list = http.get("/api/v1/meets/" + SRINAGAR).json().get("corrections");
                assertThat(list).hasSize(1);
                Instant correctedAt = Instant.parse(list.get(0).get("correctedAt").asText());
                assertThat(correctedAt).isBetween(beforeCorrection.minusSeconds(1), Instant.now());
                assertThat(list.get(0).get("previousValueInr").decimalValue())
                        .isEqualByComparingTo(BigDecimal.valueOf(corrected.paise(), 2));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(sumOverInstances(both, "odop_loi_corrections_total")).isEqualTo(1.0));
            // Nothing else moved: every view of both instances still equals the recomputation.
            for (Http http : both) assertEveryView(http);

            // 4. A linked export for another due LOI of that district: one FOLLOWED_UP, and it leaves the list.
            Loi followed = expected.lois().stream()
                    .filter(l -> l.districtCode().equals(district) && !l.loiId().equals(corrected.loiId())
                            && !l.loiId().equals(reimported.loiId()) && expected.status(l, now).equals("DUE"))
                    .min(Comparator.comparing(Loi::loiId)).orElseThrow();
            // Before it, in the same body, an export naming that LOI from another district: not linked, though it
            // reaches the LOI's task and stores (exports naming an LOI are repartitioned by its loiId).
            int shipmentPartitions = alerts.partitions(Topics.SHIPMENTS.name());
            String elsewhere = expected.districts().stream().filter(d -> !d.equals(district)).findFirst().orElseThrow();
            long exportPaise = followed.paise() / 2;
            String stray = shipment("it-export-0", "SHP-IT-ELSEWHERE-1", followed, elsewhere, "SHIPPED",
                    followed.paise());
            String export = shipment("it-export-1", "SHP-IT-FOLLOW-UP-1", followed, district, "CUSTOMS_CLEARED",
                    exportPaise);
            post(both.get(0), RecordType.SHIPMENTS, stray + "\n" + export);
            expected.accepted(RecordType.SHIPMENTS, stray);
            expected.accepted(RecordType.SHIPMENTS, export);
            assertThat(expected.status(expected.loi(followed.loiId()), now)).isEqualTo("PARTIAL");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                long t = System.currentTimeMillis();
                for (Http http : both) {
                    assertFollowUp(http, null, district, null, t);
                    assertMeet(http, followed.meetId(), t);
                }
                assertThat(alerts.poll()).filteredOn(x -> x.loiId().equals(followed.loiId()))
                        .extracting(Alert::type).containsExactly(LoiAlertType.LOI_FOLLOW_UP_DUE, LoiAlertType.FOLLOWED_UP);
            });
            Alert followedUp = alerts.poll().stream()
                    .filter(x -> x.loiId().equals(followed.loiId()) && x.type() == LoiAlertType.FOLLOWED_UP)
                    .findFirst().orElseThrow();
            assertThat(followedUp.value().getLinkedExportValuePaise()).isEqualTo(exportPaise);

            // 5. A due LOI corrected into a district whose key lands on another partition: not due again there, and
            // the first export naming it in its new district brings one FOLLOWED_UP, keyed by that district.
            Set<String> used = Set.of(corrected.loiId(), reimported.loiId(), followed.loiId());
            Loi toMove = expected.lois().stream()
                    .filter(l -> !used.contains(l.loiId()) && expected.status(l, now).equals("DUE"))
                    .min(Comparator.comparing(Loi::loiId)).orElseThrow();
            String from = toMove.districtCode();
            String to = expected.districts().stream()
                    .filter(d -> expected.stateOf(d).equals(expected.stateOf(from)))
                    .filter(d -> partition(d, shipmentPartitions) != partition(from, shipmentPartitions))
                    .findFirst().orElseThrow();
            ObjectNode move = withEventId(toMove.json(), "it-move-1");
            move.put("districtCode", to);
            // In the same body after it, in its new district and the same loiId partition: once this is found due,
            // a check has run since the move, where the moved LOI would have been found due a second time.
            ObjectNode moveMarker = marker(toMove, to, "LOI-IT-MARKER-MOVE", byIdPartitions);
            post(both.get(0), RecordType.LOIS, move + "\n" + moveMarker);
            expected.accepted(RecordType.LOIS, move.toString());
            expected.accepted(RecordType.LOIS, moveMarker.toString());
            assertThat(expected.loi(toMove.loiId()).districtCode()).isEqualTo(to);
            awaitDue(alerts, List.of(moveMarker));
            assertThat(alerts.poll()).filteredOn(x -> x.loiId().equals(toMove.loiId()))
                    .extracting(Alert::type, Alert::key).containsExactly(tuple(LoiAlertType.LOI_FOLLOW_UP_DUE, from));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (Http http : both) assertMeet(http, toMove.meetId(), System.currentTimeMillis());
            });

            String moved = shipment("it-export-2", "SHP-IT-MOVED-1", toMove, to, "SHIPPED", toMove.paise());
            post(both.get(1), RecordType.SHIPMENTS, moved);
            expected.accepted(RecordType.SHIPMENTS, moved);
            assertThat(expected.status(expected.loi(toMove.loiId()), now)).isEqualTo("CONVERTED");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(alerts.poll()).filteredOn(x -> x.loiId().equals(toMove.loiId()))
                            .extracting(Alert::type, Alert::key).containsExactly(
                                    tuple(LoiAlertType.LOI_FOLLOW_UP_DUE, from), tuple(LoiAlertType.FOLLOWED_UP, to)));

            // A check has run since: new LOIs already past their limit, each on the loiId partition of one LOI above
            // (the task that follows it up), get their DUE only at a check after they arrived. Up to there the topic
            // must hold no second DUE for the followed-up, the corrected or the moved LOI.
            List<ObjectNode> markers = new ArrayList<>();
            Set<Integer> marked = new HashSet<>();
            for (Loi l : List.of(corrected, followed, expected.loi(toMove.loiId()))) {
                if (marked.add(partition(l.loiId(), byIdPartitions))) {
                    markers.add(marker(l, l.districtCode(), "LOI-IT-MARKER-" + markers.size(), byIdPartitions));
                }
            }
            post(both.get(1), RecordType.LOIS, String.join("\n", markers.stream().map(ObjectNode::toString).toList()));
            markers.forEach(m -> expected.accepted(RecordType.LOIS, m.toString()));
            awaitDue(alerts, markers);
            List<Alert> all = alerts.poll();
            assertThat(all).filteredOn(x -> x.loiId().equals(followed.loiId())).extracting(Alert::type)
                    .containsExactly(LoiAlertType.LOI_FOLLOW_UP_DUE, LoiAlertType.FOLLOWED_UP);
            assertThat(all).filteredOn(x -> x.loiId().equals(corrected.loiId())).extracting(Alert::type)
                    .containsExactly(LoiAlertType.LOI_FOLLOW_UP_DUE);
            assertThat(all).filteredOn(x -> x.loiId().equals(toMove.loiId())).extracting(Alert::type)
                    .containsExactly(LoiAlertType.LOI_FOLLOW_UP_DUE, LoiAlertType.FOLLOWED_UP);
            assertAlerts(all, System.currentTimeMillis());

            // And in the end, everything again, on both instances.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (Http http : both) assertEveryView(http);
                assertDueGauge(both);
            });
        }
    }

    // ---- the views ----

    /** Every meet, the meets list with state and date filters, the follow-up list with its filters. */
    private void assertEveryView(Http http) {
        long now = System.currentTimeMillis();
        assertMeets(http, null, null, null);
        assertMeets(http, "JK", null, null);
        assertMeets(http, "UP", "2024-01-01", null);
        // Both ends inclusive, on the IST day a meet's first LOI was signed (the Srinagar meet's, for these two).
        assertMeets(http, null, "2022-07-30", "2023-03-31");
        assertMeets(http, "JK", null, "2022-07-30");
        for (String meetId : expected.meetIds()) assertMeet(http, meetId, now);
        assertThat(http.get("/api/v1/meets/BSM-NO-SUCH-MEET").status()).isEqualTo(404);
        assertFollowUp(http, null, null, null, now);
        assertFollowUp(http, "UP", null, null, now);
        assertFollowUp(http, null, null, SRINAGAR, now);
        assertFollowUp(http, null, "JK-SRINAGAR", null, now);
        assertFollowUp(http, "JK", "JK-KULGAM", SRINAGAR, now);
        assertThat(followUp(http, "?state=UP&meet=" + SRINAGAR)).isEmpty();
    }

    /** GET /api/v1/meets with those filters (null: not given) equals the recomputation. */
    private void assertMeets(Http http, String state, String from, String to) {
        String query = query("state", state, "from", from, "to", to);
        var r = http.get("/api/v1/meets" + query);
        assertThat(r.status()).as(query + " " + r.body()).isEqualTo(200);
        assertThat(ExpectedMeets.meetsFrom(r.json())).as("/api/v1/meets" + query).usingRecursiveComparison()
                .isEqualTo(expected.meets(state, from == null ? null : LocalDate.parse(from),
                        to == null ? null : LocalDate.parse(to)));
    }

    private void assertMeet(Http http, String meetId, long now) {
        var view = http.get("/api/v1/meets/" + meetId);
        assertThat(view.status()).as(meetId + " " + view.body()).isEqualTo(200);
        assertThat(ExpectedMeets.meetFrom(view.json())).as(meetId).usingRecursiveComparison()
                .isEqualTo(expected.meet(meetId, now));
    }

    /** GET /api/v1/lois/follow-up with those filters (null: not given) equals the recomputation. */
    private void assertFollowUp(Http http, String state, String district, String meetId, long now) {
        String query = query("state", state, "district", district, "meet", meetId);
        long before = System.currentTimeMillis();
        List<ExpectedMeets.FollowUpRow> actual = followUp(http, query);
        long after = System.currentTimeMillis();
        // The server counts whole days at the moment it answers, somewhere between before and after: an LOI whose
        // signing time of day falls in that window turns one day older in it, so each count is checked against both.
        assertThat(actual).as("/api/v1/lois/follow-up" + query).usingRecursiveComparison()
                .ignoringFields("daysSinceSigned").isEqualTo(expected.followUp(state, district, meetId, now));
        var atBefore = expected.followUp(state, district, meetId, before);
        var atAfter = expected.followUp(state, district, meetId, after);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).daysSinceSigned()).as(actual.get(i).loiId())
                    .isBetween(atBefore.get(i).daysSinceSigned(), atAfter.get(i).daysSinceSigned());
        }
    }

    private static List<ExpectedMeets.FollowUpRow> followUp(Http http, String query) {
        var r = http.get("/api/v1/lois/follow-up" + query);
        assertThat(r.status()).as(query + " " + r.body()).isEqualTo(200);
        return ExpectedMeets.followUpFrom(r.json());
    }

    /** {@code ?name=value&...} of the pairs whose value is not null; empty when none is. */
    private static String query(String... pairs) {
        List<String> given = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) if (pairs[i + 1] != null) given.add(pairs[i] + "=" + pairs[i + 1]);
        return given.isEmpty() ? "" : "?" + String.join("&", given);
    }

    /** The LOI counts and values of the LOI's district (overall and its product's row) in every period of its signing. */
    private void assertDistrictLois(Http http, Loi loi) {
        for (String period : ExpectedMeets.periodsOf(loi.signedAt())) {
            var view = http.get("/api/v1/districts/" + loi.districtCode() + "?period=" + period);
            assertThat(view.status()).as(view.body()).isEqualTo(200);
            long[] want = expected.loiMeasures(loi.districtCode(), null, period);
            assertThat(view.json().get("loiCount").asLong()).as(period).isEqualTo(want[0]);
            assertThat(view.json().get("loiValueInr").decimalValue()).as(period)
                    .isEqualByComparingTo(BigDecimal.valueOf(want[1], 2));
            long[] product = expected.loiMeasures(loi.districtCode(), loi.productCode(), period);
            JsonNode row = null;
            for (JsonNode p : view.json().get("products")) {
                if (p.get("productCode").asText().equals(loi.productCode())) row = p;
            }
            assertThat(row).as(period + " " + loi.productCode()).isNotNull();
            assertThat(row.get("loiCount").asLong()).isEqualTo(product[0]);
            assertThat(row.get("loiValueInr").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(product[1], 2));
        }
    }

    /** The Srinagar meet as the sources tell it, its money written exactly (two decimals, conversion four). */
    private void assertSrinagar(Http http) {
        String body = http.get("/api/v1/meets/" + SRINAGAR).body();
        var meet = ExpectedMeets.meetFrom(http.get("/api/v1/meets/" + SRINAGAR).json());
        assertThat(meet.loiCount()).isEqualTo(30);
        assertThat(meet.loiValueInr()).isEqualByComparingTo("105000000.00");
        assertThat(meet.lois()).extracting(ExpectedMeets.LoiRow::status).contains("CONVERTED", "PARTIAL", "DUE");
        assertThat(meet.districts().size()).isGreaterThan(1);
        assertThat(body).contains("\"loiValueInr\":105000000.00,");
        Matcher money = MONEY.matcher(body);
        int found = 0;
        while (money.find()) {
            found++;
            assertThat(money.group(2)).as(money.group()).matches("-?\\d+\\.\\d{2}");
        }
        assertThat(found).isEqualTo(2 + 2 * meet.districts().size() + 2 * 30);
        Matcher conversion = CONVERSION.matcher(body);
        assertThat(conversion.find()).isTrue();
        assertThat(conversion.group(1)).matches("\\d+\\.\\d{4}");
    }

    /** The data has what the test is about: several meets, LOIs of every status, some in the follow-up list of each kind. */
    private void assertDataSetIsRich(long now) {
        assertThat(expected.meetIds()).contains(SRINAGAR, "BSM-JK-JAMMU-2022-04-21").hasSizeGreaterThan(10);
        // The date filters' bounds are the Srinagar meet's own first day: both ends are inclusive.
        assertThat(expected.meets(null, LocalDate.parse("2022-07-30"), LocalDate.parse("2023-03-31")))
                .extracting(ExpectedMeets.MeetRow::meetId).contains(SRINAGAR).hasSizeLessThan(expected.meetIds().size());
        assertThat(expected.meets("JK", null, LocalDate.parse("2022-07-30")))
                .extracting(ExpectedMeets.MeetRow::meetId).contains(SRINAGAR).hasSizeLessThan(expected.meetIds().size());
        Set<String> statuses = new TreeSet<>();
        expected.lois().forEach(l -> statuses.add(expected.status(l, now)));
        assertThat(statuses).containsExactly("CONVERTED", "DUE", "OPEN", "PARTIAL");
        assertThat(expected.followUp("UP", null, null, now)).isNotEmpty();
        assertThat(expected.followUp("JK", "JK-KULGAM", SRINAGAR, now)).isNotEmpty();
        assertThat(expected.followUp(null, "JK-SRINAGAR", null, now)).isNotEmpty();
    }

    // ---- alerts and metrics ----

    /**
     * Per LOI at most one DUE and at most one FOLLOWED_UP, the FOLLOWED_UP after the DUE; a due LOI has exactly one DUE
     * and no FOLLOWED_UP; an open one none; one with linked exports as many FOLLOWED_UP as DUE (an LOI counted before
     * its exports may be found due in between). Every record keyed by its district, saying what the LOI says.
     */
    private void assertAlerts(List<Alert> all, long now) {
        Map<String, List<Alert>> byLoi = new TreeMap<>();
        for (Alert x : all) byLoi.computeIfAbsent(x.loiId(), id -> new ArrayList<>()).add(x);
        Set<String> known = new HashSet<>();
        for (Loi l : expected.lois()) {
            known.add(l.loiId());
            List<Alert> of = byLoi.getOrDefault(l.loiId(), List.of());
            List<LoiAlertType> types = of.stream().map(Alert::type).toList();
            switch (expected.status(l, now)) {
                case "DUE" -> assertThat(types).as(l.loiId()).containsExactly(LoiAlertType.LOI_FOLLOW_UP_DUE);
                case "OPEN" -> assertThat(types).as(l.loiId()).isEmpty();
                default -> assertThat(types).as(l.loiId())
                        .isIn(List.of(), List.of(LoiAlertType.LOI_FOLLOW_UP_DUE, LoiAlertType.FOLLOWED_UP));
            }
            for (Alert x : of) {
                LoiAlert v = x.value();
                // What one version of the LOI said (a correction may have changed or moved it since).
                assertThat(expected.versionsOf(l.loiId())).as(l.loiId()).anySatisfy(version -> {
                    assertThat(x.key()).isEqualTo(version.districtCode());
                    assertThat(Arrays.asList(v.getMeetId(), v.getDistrictCode(), v.getStateCode(), v.getProductCode(),
                            v.getBuyer(), v.getSeller())).containsExactly(version.meetId(), version.districtCode(),
                            expected.stateOf(version.districtCode()), version.productCode(), version.buyer(), version.seller());
                    assertThat(v.getSignedAt()).isEqualTo(version.signedAt());
                    assertThat(v.getDueAt()).isEqualTo(expected.dueAt(version));
                    assertThat(v.getValuePaise()).isEqualTo(version.paise());
                });
                if (x.type() == LoiAlertType.LOI_FOLLOW_UP_DUE) {
                    assertThat(v.getLinkedExportValuePaise()).isZero();
                    assertThat(v.getAt()).isAfterOrEqualTo(v.getDueAt());
                } else {
                    assertThat(v.getLinkedExportValuePaise()).isPositive().isLessThanOrEqualTo(expected.linked(l)[1]);
                }
            }
            if (of.size() == 2) {
                // DUE, then FOLLOWED_UP: in offset order when both are keyed by one district (one partition). An LOI
                // moved in between is followed up under its new district's key, on another partition: no order to check
                // there (FOLLOWED_UP's time is the export's event time, which may be before the DUE was found).
                if (of.get(0).partition() == of.get(1).partition()) {
                    assertThat(of.get(0).offset()).isLessThan(of.get(1).offset());
                }
            }
        }
        assertThat(byLoi.keySet()).as("alerts for LOIs never counted").isSubsetOf(known);
    }

    /** odop_loi_follow_up_due summed over both instances, per district, equals the due LOIs. */
    private void assertDueGauge(List<Http> instances) {
        Pattern gauge = Pattern.compile("^odop_loi_follow_up_due\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Pattern districtLabel = Pattern.compile("district=\"([^\"]+)\"");
        Map<String, Long> sum = new TreeMap<>();
        for (Http http : instances) {
            Matcher m = gauge.matcher(http.get("/metrics").body());
            while (m.find()) {
                Matcher d = districtLabel.matcher(m.group(1));
                assertThat(d.find()).isTrue();
                long n = (long) Double.parseDouble(m.group(2));
                if (n != 0) sum.merge(d.group(1), n, Long::sum);
            }
        }
        Map<String, Long> due = expected.dueByDistrict(System.currentTimeMillis());
        assertThat(sum).isEqualTo(due);
        assertThat(sum.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(expected.followUp(null, null, null, System.currentTimeMillis()).size());
    }

    private static double sumOverInstances(List<Http> instances, String metric) {
        Pattern line = Pattern.compile("^" + metric + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        double sum = 0;
        for (Http http : instances) {
            Matcher m = line.matcher(http.get("/metrics").body());
            while (m.find()) sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    record Alert(int partition, long offset, String key, LoiAlert value) {
        String loiId() {
            return value.getLoiId();
        }

        LoiAlertType type() {
            return value.getType();
        }
    }

    /** Everything committed on odop.alerts.lois.v1 from the beginning, read with the application's serde. */
    private static final class AlertLog implements AutoCloseable {
        private final KafkaConsumer<String, LoiAlert> consumer;
        private final List<Alert> read = new ArrayList<>();

        AlertLog(String bootstrap, String registryUrl) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                    new PulseSerdes(new RestSchemaRegistryClient(registryUrl)).value(Topics.LOI_ALERTS).deserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LOI_ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        synchronized List<Alert> poll() {
            for (ConsumerRecord<String, LoiAlert> r : consumer.poll(Duration.ofMillis(300))) {
                read.add(new Alert(r.partition(), r.offset(), r.key(), r.value()));
            }
            // DUE records first, each kind in the order read. An LOI has at most one of each, and its two may be on two
            // partitions (a correction moved it to another district), which a consumer reads in no particular order;
            // where they share a partition, assertAlerts checks their offsets.
            return read.stream().sorted(java.util.Comparator.comparing((Alert a) -> a.type() == LoiAlertType.LOI_FOLLOW_UP_DUE ? 0 : 1))
                    .toList();
        }

        int partitions(String topic) {
            var info = consumer.partitionsFor(topic);
            assertThat(info).as(topic).isNotEmpty();
            return info.size();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    // ---- input ----

    /** Posts the generator's lines of one type in order; the lines ingest accepts are what the recomputation sees. */
    private void ingest(Http http, RecordType type, List<GeneratedLine> all) {
        List<GeneratedLine> ofType = all.stream().filter(l -> l.type() == type).toList();
        for (int from = 0; from < ofType.size(); from += 10_000) {
            List<GeneratedLine> chunk = ofType.subList(from, Math.min(ofType.size(), from + 10_000));
            var r = http.post("/api/v1/ingest/" + type.pathName(), NDJSON,
                    String.join("\n", chunk.stream().map(GeneratedLine::json).toList()));
            assertThat(r.status()).as(r.body().substring(0, Math.min(500, r.body().length()))).isIn(200, 422);
            assertThat(r.json().get("rejectedNotListed").asLong()).isZero();
            Set<Integer> rejected = new HashSet<>();
            r.json().get("rejected").forEach(x -> rejected.add(x.get("line").asInt()));
            assertThat(rejected).hasSize((int) chunk.stream().filter(l -> l.twist().invalid()).count());
            for (int i = 0; i < chunk.size(); i++) {
                if (!rejected.contains(i + 1)) expected.accepted(type, chunk.get(i).json());
            }
        }
    }

    private static void post(Http http, RecordType type, String body) {
        var r = http.post("/api/v1/ingest/" + type.pathName(), NDJSON, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /**
     * An LOI like {@code like}, in {@code district}, signed a minute after it (so already past its limit when
     * {@code like} is due), whose loiId ({@code prefix-n}) falls in the same partition of loi-by-id as {@code like}'s:
     * the task that follows {@code like} up finds it due at its first check after it arrived.
     */
    private static ObjectNode marker(Loi like, String district, String prefix, int byIdPartitions) {
        String loiId = prefix;
        for (int n = 1; partition(loiId, byIdPartitions) != partition(like.loiId(), byIdPartitions); n++) {
            loiId = prefix + "-" + n;
        }
        ObjectNode marker = withEventId(like.json(), "it-" + loiId);
        marker.put("loiId", loiId).put("districtCode", district).put("valueInr", "1000.00").remove("hsCode");
        marker.put("signedAt", IST_TIME.format(like.signedAt().plusSeconds(60)));
        return marker;
    }

    /** Waits until every marker LOI has its LOI_FOLLOW_UP_DUE on the topic. */
    private static void awaitDue(AlertLog alerts, List<ObjectNode> markers) {
        Set<String> ids = new HashSet<>();
        markers.forEach(m -> ids.add(m.get("loiId").asText()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(alerts.poll())
                .filteredOn(x -> x.type() == LoiAlertType.LOI_FOLLOW_UP_DUE).extracting(Alert::loiId).containsAll(ids));
    }

    private static ObjectNode withEventId(ObjectNode json, String eventId) {
        return json.deepCopy().put("eventId", eventId);
    }

    private static String shipment(String eventId, String shipmentId, Loi loi, String district, String status, long paise) {
        return String.format("{\"eventId\":\"%s\",\"shipmentId\":\"%s\",\"loiId\":\"%s\",\"districtCode\":\"%s\","
                        + "\"productCode\":\"%s\",\"status\":\"%s\",\"quantity\":\"10\",\"unit\":\"pcs\",\"valueInr\":\"%s\","
                        + "\"destinationCountry\":\"US\",\"occurredAt\":\"%s\"}", eventId, shipmentId, loi.loiId(),
                district, loi.productCode(), status, BigDecimal.valueOf(paise, 2).toPlainString(),
                IST_TIME.format(Instant.now()));
    }

    /** The partition Kafka's default partitioner gives a String key. */
    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Whole days after which an LOI is due, such that the due line now (now minus the limit) lies mid-way in the
     * longest gap between LOI signing times in the data's last year: at least a day from any LOI either way, so no
     * LOI changes status during the run.
     */
    private static Duration followUpLimit(List<GeneratedLine> lines, Instant now) {
        TreeSet<Instant> signed = new TreeSet<>();
        for (GeneratedLine l : lines) {
            if (l.type() != RecordType.LOIS || l.twist().invalid()) continue;
            signed.add(OffsetDateTime.parse(ExpectedMeets.read(l.json()).get("signedAt").asText()).toInstant());
        }
        Instant gapFrom = null;
        Duration gap = Duration.ZERO;
        Instant previous = null;
        for (Instant s : signed.tailSet(DATA_UNTIL.minus(Duration.ofDays(365)))) {
            if (previous != null && Duration.between(previous, s).compareTo(gap) > 0) {
                gap = Duration.between(previous, s);
                gapFrom = previous;
            }
            previous = s;
        }
        assertThat(gap).isGreaterThan(Duration.ofDays(4));
        Instant middle = gapFrom.plus(gap.dividedBy(2));
        Duration after = Duration.ofDays(Duration.between(middle, now).toDays());
        Instant dueLine = now.minus(after);
        assertThat(dueLine).isBetween(gapFrom.plus(Duration.ofDays(1)), gapFrom.plus(gap).minus(Duration.ofDays(1)));
        return after;
    }

    /** @param key an admin key: the first instance's, as the others share its keys file */
    private static Http awaitReady(PulseApplication app, String key) {
        Http http = new Http(app.httpPort(), key);
        await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
        return http;
    }
}

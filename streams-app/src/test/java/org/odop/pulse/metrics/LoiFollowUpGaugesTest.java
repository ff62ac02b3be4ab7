package org.odop.pulse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.support.TestData;
import org.odop.pulse.topology.meet.FollowUp;

/** odop_loi_follow_up_due{state,district} from hand-built LOIs of the meet store, scraped as Prometheus text. */
class LoiFollowUpGaugesTest {
    static {
        // Building records needs Avro's trust of our classes, which the application (and any serde) sets up first.
        org.odop.pulse.registry.AvroTrust.ensure();
    }

    private static final Map<String, District> DISTRICTS = Map.of(
            "JK-SRINAGAR", TestData.district("JK-SRINAGAR", "Srinagar", "JK", "Jammu and Kashmir"),
            "JK-PULWAMA", TestData.district("JK-PULWAMA", "Pulwama", "JK", "Jammu and Kashmir"),
            "UP-VARANASI", TestData.district("UP-VARANASI", "Varanasi", "UP", "Uttar Pradesh"));

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static LoiRecord loi(String loiId, String district, String signedAt, long linkedShipments, long linkedPaise) {
        return LoiRecord.newBuilder().setLoiId(loiId).setMeetId("BSM-SKICC-2022-07-30").setDistrictCode(district)
                .setProductCode("PASHMINA").setBuyer("FabIndia").setSeller("Kashmir Loom").setValuePaise(1_000_00)
                .setSignedAt(Instant.parse(signedAt)).setLinkedExportShipments(linkedShipments)
                .setLinkedExportValuePaise(linkedPaise).build();
    }

    /** The gauge's lines of a scrape, sorted. */
    private static List<String> dueLines(PrometheusMeterRegistry registry) {
        return registry.scrape().lines().filter(l -> l.startsWith("odop_loi_follow_up_due{")).sorted().toList();
    }

    @Test
    @DisplayName("due LOIs counted per state and district at each scrape; linked, open and no-longer-due ones are not; none is no series")
    void countsDueLois() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<LoiRecord> lois = new ArrayList<>(List.of(
                loi("L1", "JK-SRINAGAR", "2022-07-30T06:00:00Z", 0, 0),
                loi("L2", "JK-SRINAGAR", "2022-07-30T07:00:00Z", 0, 0),
                loi("L3", "JK-SRINAGAR", "2022-07-30T06:00:00Z", 1, 50_00), // partly exported: followed up
                loi("L4", "JK-PULWAMA", "2022-07-30T06:00:00Z", 0, 0),
                loi("L5", "UP-VARANASI", "2022-11-01T06:00:00Z", 0, 0), // open until 2023-01-30
                loi("L6", "AS-KAMRUP", "2022-04-21T05:00:00Z", 0, 0))); // a district the reference data lacks
        MovingClock clock = new MovingClock(Instant.parse("2022-12-01T00:00:00Z"));
        LoiFollowUpGauges gauges = new LoiFollowUpGauges(registry, each -> lois.forEach(each),
                d -> Optional.ofNullable(DISTRICTS.get(d)), FollowUp.DEFAULT, clock);

        gauges.run();
        assertThat(dueLines(registry)).containsExactly(
                "odop_loi_follow_up_due{district=\"AS-KAMRUP\",state=\"unknown\"} 1.0",
                "odop_loi_follow_up_due{district=\"JK-PULWAMA\",state=\"JK\"} 1.0",
                "odop_loi_follow_up_due{district=\"JK-SRINAGAR\",state=\"JK\"} 2.0");

        // L5 reaches its limit (signedAt + 90 days) exactly; L4 gets an export; L6 leaves the store.
        clock.now = Instant.parse("2022-11-01T06:00:00Z").plus(Duration.ofDays(90));
        lois.set(3, loi("L4", "JK-PULWAMA", "2022-07-30T06:00:00Z", 1, 1_000_00));
        lois.remove(5);
        gauges.run();
        assertThat(dueLines(registry)).containsExactly(
                "odop_loi_follow_up_due{district=\"JK-SRINAGAR\",state=\"JK\"} 2.0",
                "odop_loi_follow_up_due{district=\"UP-VARANASI\",state=\"UP\"} 1.0");

        lois.clear();
        gauges.run();
        assertThat(dueLines(registry)).isEmpty();
    }

    @Test
    @DisplayName("the follow-up limit is the configured one: with 30 days an LOI is due 60 days sooner")
    void configuredLimit() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<LoiRecord> lois = List.of(loi("L1", "JK-SRINAGAR", "2022-07-30T06:00:00Z", 0, 0));
        MovingClock clock = new MovingClock(Instant.parse("2022-08-29T05:59:59.999Z"));
        LoiFollowUpGauges gauges = new LoiFollowUpGauges(registry, each -> lois.forEach(each),
                d -> Optional.ofNullable(DISTRICTS.get(d)), FollowUp.DEFAULT.withAfter(Duration.ofDays(30)), clock);
        gauges.run();
        assertThat(dueLines(registry)).isEmpty();
        clock.now = Instant.parse("2022-08-29T06:00:00Z");
        gauges.run();
        assertThat(dueLines(registry)).containsExactly("odop_loi_follow_up_due{district=\"JK-SRINAGAR\",state=\"JK\"} 1.0");
    }
}

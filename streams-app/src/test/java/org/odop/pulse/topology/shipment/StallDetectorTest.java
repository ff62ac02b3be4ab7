package org.odop.pulse.topology.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.shipment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.ShipmentAlert;
import org.odop.pulse.avro.ShipmentAlertType;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.config.Topics;
import org.odop.pulse.support.PipelineDriver;

class StallDetectorTest {
    private final PipelineDriver driver = new PipelineDriver();
    private final TestOutputTopic<String, ShipmentAlert> alerts = driver.alerts();
    private final KeyValueStore<String, OpenShipment> open = driver.store(ShipmentTopology.OPEN_STORE);

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** An event at {@code ago} before the test's wall-clock start. */
    private void send(String eventId, String shipmentId, ShipmentStatus status, Duration ago) {
        String at = PipelineDriver.WALL_CLOCK_START.minus(ago).toString();
        driver.send(Topics.SHIPMENTS, "JK-PULWAMA", shipment(eventId, shipmentId, "JK-PULWAMA", "SAFFRON", status, 100L, at, null));
    }

    @Test
    @DisplayName("flagged once the stage's limit has passed on the wall clock, not before, with one alert")
    void flaggedAfterLimit() {
        send("e1", "SH1", ShipmentStatus.BOOKED, Duration.ofDays(6).plusHours(23));
        driver.advanceWallClock(Duration.ofMinutes(30));
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(open.get("SH1").getStalled()).isFalse();

        driver.advanceWallClock(Duration.ofMinutes(31));
        ShipmentAlert alert = alerts.readValue();
        assertThat(alert.getType()).isEqualTo(ShipmentAlertType.STALLED);
        assertThat(alert.getShipmentId()).isEqualTo("SH1");
        assertThat(alert.getStage()).isEqualTo("BOOKED");
        assertThat(alert.getStateCode()).isEqualTo("JK");
        assertThat(alert.getLimitSeconds()).isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(alert.getSince()).isEqualTo(PipelineDriver.WALL_CLOCK_START.minus(Duration.ofDays(6).plusHours(23)));

        driver.advanceWallClock(Duration.ofHours(5));
        assertThat(alerts.isEmpty()).as("one alert per transition").isTrue();
        assertThat(driver.alertCounts).containsExactly("STALLED");
    }

    @Test
    @DisplayName("the next stage resolves a stalled shipment with one alert, and its own limit starts afresh")
    void resolvedByNextStage() {
        send("e1", "SH2", ShipmentStatus.AT_PORT, Duration.ofDays(3));
        driver.advanceWallClock(Duration.ofSeconds(30));
        assertThat(alerts.readValue().getType()).isEqualTo(ShipmentAlertType.STALLED);

        send("e2", "SH2", ShipmentStatus.CUSTOMS_CLEARED, Duration.ofHours(1));
        ShipmentAlert resolved = alerts.readValue();
        assertThat(resolved.getType()).isEqualTo(ShipmentAlertType.RESOLVED);
        assertThat(resolved.getStage()).isEqualTo("AT_PORT");
        assertThat(open.get("SH2").getStage()).isEqualTo("CUSTOMS_CLEARED");

        driver.advanceWallClock(Duration.ofDays(1));
        assertThat(alerts.isEmpty()).isTrue();
        driver.advanceWallClock(Duration.ofDays(1));
        assertThat(alerts.readValue().getStage()).isEqualTo("CUSTOMS_CLEARED");
    }

    @Test
    @DisplayName("delivery ends tracking and frees the state; a late event of an earlier stage does not reopen it")
    void deliveredFreesState() {
        send("e1", "SH3", ShipmentStatus.SHIPPED, Duration.ofDays(50));
        driver.advanceWallClock(Duration.ofSeconds(30));
        assertThat(alerts.readValue().getType()).isEqualTo(ShipmentAlertType.STALLED);

        send("e2", "SH3", ShipmentStatus.DELIVERED, Duration.ofDays(1));
        assertThat(alerts.readValue().getType()).isEqualTo(ShipmentAlertType.RESOLVED);
        assertThat(open.get("SH3")).isNull();

        send("e3", "SH3", ShipmentStatus.AT_PORT, Duration.ofDays(60));
        driver.advanceWallClock(Duration.ofDays(1));
        assertThat(open.get("SH3")).isNull();
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("an earlier stage arriving late changes nothing; a never-stalled delivery sends no alert")
    void outOfOrderAndQuiet() {
        send("e1", "SH4", ShipmentStatus.DISPATCHED, Duration.ofDays(1));
        send("e2", "SH4", ShipmentStatus.BOOKED, Duration.ofDays(20));
        assertThat(open.get("SH4").getStage()).isEqualTo("DISPATCHED");
        driver.advanceWallClock(Duration.ofHours(1));
        send("e3", "SH4", ShipmentStatus.CANCELLED, Duration.ZERO);
        driver.advanceWallClock(Duration.ofDays(10));
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(open.get("SH4")).isNull();
    }

    /** The entries of an index store, without its built mark. */
    private List<String> indexKeys(String store) {
        List<String> keys = new ArrayList<>();
        try (var it = driver.<String>store(store).all()) {
            it.forEachRemaining(kv -> {
                if (!kv.key.startsWith("~")) keys.add(kv.key);
            });
        }
        return keys;
    }

    @Test
    @DisplayName("the stall index holds each open shipment under its current stage until it is flagged or ends")
    void indexFollowsTheShipment() {
        Duration bookedAgo = Duration.ofDays(1);
        send("e1", "SH5", ShipmentStatus.BOOKED, bookedAgo);
        long booked = PipelineDriver.WALL_CLOCK_START.minus(bookedAgo).toEpochMilli();
        assertThat(indexKeys(ShipmentTopology.OPEN_INDEX_STORE)).containsExactly(String.format("BOOKED/%019d|SH5", booked));

        send("e2", "SH5", ShipmentStatus.DISPATCHED, Duration.ofHours(80));
        long dispatched = PipelineDriver.WALL_CLOCK_START.minus(Duration.ofHours(80)).toEpochMilli();
        assertThat(indexKeys(ShipmentTopology.OPEN_INDEX_STORE)).containsExactly(String.format("DISPATCHED/%019d|SH5", dispatched));

        driver.advanceWallClock(Duration.ofSeconds(30));
        assertThat(alerts.readValue().getType()).isEqualTo(ShipmentAlertType.STALLED);
        assertThat(indexKeys(ShipmentTopology.OPEN_INDEX_STORE)).as("flagged: no longer indexed").isEmpty();
        driver.advanceWallClock(Duration.ofSeconds(30));
        assertThat(alerts.isEmpty()).isTrue();

        send("e3", "SH6", ShipmentStatus.AT_PORT, Duration.ofHours(1));
        send("e4", "SH6", ShipmentStatus.CANCELLED, Duration.ZERO);
        assertThat(indexKeys(ShipmentTopology.OPEN_INDEX_STORE)).isEmpty();
        assertThat(indexKeys(ShipmentTopology.ENDED_INDEX_STORE)).hasSize(1);
    }

    @Test
    @DisplayName("ended shipments are forgotten once REMEMBER_ENDED has passed on the wall clock, not before")
    void endedForgottenAfterRememberEnded() {
        KeyValueStore<String, Long> ended = driver.store(ShipmentTopology.ENDED_STORE);
        send("e1", "SH7", ShipmentStatus.DELIVERED, Duration.ofDays(2));
        assertThat(ended.get("SH7")).isEqualTo(PipelineDriver.WALL_CLOCK_START.toEpochMilli());

        driver.advanceWallClock(StallDetector.REMEMBER_ENDED.minusMinutes(1));
        assertThat(ended.get("SH7")).isNotNull();
        send("e2", "SH7", ShipmentStatus.SHIPPED, Duration.ofDays(3));
        assertThat(open.get("SH7")).as("a late event within REMEMBER_ENDED does not reopen it").isNull();

        driver.advanceWallClock(Duration.ofMinutes(2));
        assertThat(ended.get("SH7")).isNull();
        assertThat(indexKeys(ShipmentTopology.ENDED_INDEX_STORE)).isEmpty();
    }
}

package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.security.ClusterSecret;
import org.odop.pulse.serving.cluster.RemoteInstances;
import org.odop.pulse.serving.cluster.StorePartition;
import org.odop.pulse.support.Http;
import org.odop.pulse.topology.loi.LoiTopology;

/**
 * Two instances that share the cluster secret, and a stranger: a third instance of the same application id (it has
 * Kafka access, so it joins the consumer group and owns partitions) with a secret of its own. The two use each other's
 * partitions; neither uses the stranger's answers, and the stranger cannot read theirs.
 */
class ClusterSecretIntegrationTest {
    private static final List<String> DISTRICTS = List.of("JK-SRINAGAR", "JK-PULWAMA", "JK-JAMMU", "UP-VARANASI",
            "UP-MORADABAD", "AS-KAMRUP", "RJ-RAJSAMAND", "JK-BUDGAM", "ML-WEST-JAINTIA-HILLS", "UP-LUCKNOW", "JK-ANANTNAG", "JK-KATHUA");

    @TempDir
    Path dir;

    @Test
    @DisplayName("instances with the shared secret gather each other's partitions; a stranger's partitions answer 503, never its rows")
    void strangerIsNotTrusted() throws Exception {
        // No standby replicas: a district's rows are on its active owner only, so who answers is known.
        // All three are on 127.0.0.1: without a high limit, the refused calls between them would soon get every
        // caller from that address 429s (FailureLimiter), the test's own included.
        PulseConfig first = PulseConfig.embeddedDefaults(dir.resolve("a")).withPorts(0, 0, 0).toBuilder()
                .eventPartitions(6).standbyReplicas(0).streamThreads(1)
                .security(PulseConfig.Security.DEFAULT.withMaxFailuresPerMinute(1_000_000)).build();
        try (PulseApplication a = PulseApplication.start(first);
             PulseApplication b = PulseApplication.start(first.asInstance(a.bootstrapServers(), a.schemaRegistryUrl(),
                     dir.resolve("b"), 0));
             PulseApplication stranger = PulseApplication.start(strangerOf(first, a))) {
            Http httpA = Http.of(a);
            Http httpB = new Http(b.httpPort(), a.adminKey());
            Http httpStranger = new Http(stranger.httpPort(), a.adminKey());
            List<PulseApplication> all = List.of(a, b, stranger);
            await().atMost(Duration.ofSeconds(120)).until(() -> all.stream().allMatch(app ->
                    app.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty())));

            StringBuilder lois = new StringBuilder();
            for (int i = 0; i < DISTRICTS.size(); i++) {
                lois.append(String.format("{\"eventId\":\"s%d\",\"loiId\":\"L-s%d\",\"meetId\":\"M1\",\"districtCode\":\"%s\","
                        + "\"productCode\":\"PASHMINA\",\"buyer\":\"B\",\"seller\":\"S\",\"valueInr\":\"%d.00\","
                        + "\"signedAt\":\"2023-06-15T10:00:00+05:30\"}\n", i, i, DISTRICTS.get(i), 1000 * (i + 1)));
            }
            assertThat(httpA.post("/api/v1/ingest/lois", "application/x-ndjson", lois.toString()).status()).isEqualTo(200);

            List<String> onStranger = new ArrayList<>();
            List<String> onB = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                onStranger.clear();
                onB.clear();
                for (int i = 0; i < DISTRICTS.size(); i++) {
                    String district = DISTRICTS.get(i);
                    int owner = a.streams().queryMetadataForKey(LoiTopology.STORE, district, Serdes.String().serializer())
                            .activeHost().port();
                    var fromA = httpA.get("/api/v1/districts/" + district + "?period=FY2023-24");
                    if (owner == stranger.httpPort()) {
                        onStranger.add(district);
                        assertThat(fromA.status()).as(district + " is the stranger's: " + fromA.body()).isEqualTo(503);
                    } else {
                        if (owner == b.httpPort()) onB.add(district);
                        assertThat(fromA.status()).as(fromA.body()).isEqualTo(200);
                        assertThat(fromA.json().get("loiValueInr").decimalValue()).as(district)
                                .isEqualByComparingTo(String.valueOf(1000 * (i + 1)));
                        // And the stranger cannot read it from its owner.
                        var fromStranger = httpStranger.get("/api/v1/districts/" + district + "?period=FY2023-24");
                        assertThat(fromStranger.status()).as(district).isEqualTo(503);
                    }
                }
            });
            assertThat(onB).as("some districts are read from B over the internal API").isNotEmpty();
            assertThat(onStranger).as("some districts are on the stranger").isNotEmpty();

            // Directly: the stranger's signed request is refused; with the shared secret the same request is answered.
            HostInfo hostA = new HostInfo("127.0.0.1", a.httpPort());
            ClusterSecret strangers = ClusterSecret.loadOrCreate(dir.resolve("stranger.secret"), Clock.systemUTC());
            ClusterSecret shared = ClusterSecret.loadOrCreate(first.clusterSecretFile(), Clock.systemUTC());
            List<String> wanted = List.of(StorePartition.of(LoiTopology.STORE, 0));
            var refused = new RemoteInstances(strangers).rows(hostA, wanted, "FY2023-24", null, false);
            assertThat(refused).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                    .withMessageContaining("answered 401");
            assertThat(new RemoteInstances(shared).rows(hostA, wanted, "FY2023-24", null, false))
                    .succeedsWithin(10, TimeUnit.SECONDS);
            assertThat(httpB.get("/health/ready").status()).isEqualTo(200);
        }
    }

    private PulseConfig strangerOf(PulseConfig first, PulseApplication a) {
        PulseConfig instance = first.asInstance(a.bootstrapServers(), a.schemaRegistryUrl(), dir.resolve("stranger"), 0);
        return instance.toBuilder().security(instance.security().withFiles(instance.keysFile(),
                dir.resolve("stranger.secret"))).build();
    }
}

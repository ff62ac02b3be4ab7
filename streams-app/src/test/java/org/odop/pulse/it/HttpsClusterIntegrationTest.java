package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.http.Tls;
import org.odop.pulse.runtime.Connections;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.Http;
import org.odop.pulse.support.TestCertificates;

/** Two instances sharing one certificate serve HTTPS only and gather each other's partitions over HTTPS. */
class HttpsClusterIntegrationTest {
    private static final List<String> DISTRICTS = List.of("JK-SRINAGAR", "JK-PULWAMA", "JK-JAMMU", "UP-VARANASI",
            "UP-MORADABAD", "AS-KAMRUP", "RJ-RAJSAMAND", "JK-BUDGAM");

    @TempDir
    Path dir;

    @Test
    @DisplayName("each instance answers every district, half of them from the other instance's /internal API over HTTPS")
    void instancesTalkHttps() throws Exception {
        TestCertificates.Pem pem = TestCertificates.ec(dir.resolve("tls"), TestCertificates.KeyFormat.PKCS1);
        Tls tls = Tls.load(pem.cert(), pem.key(), null);
        Connections https = Connections.NONE.withTls(tls);
        PulseConfig first = PulseConfig.embeddedDefaults(dir.resolve("a")).withPorts(0, 0, 0).toBuilder()
                .eventPartitions(4).standbyReplicas(0).streamThreads(1).connections(https).build();
        try (PulseApplication a = PulseApplication.start(first);
             PulseApplication b = PulseApplication.start(first.asInstance(a.bootstrapServers(), a.schemaRegistryUrl(),
                     dir.resolve("b"), 0))) {
            Http httpA = new Http(a.httpPort(), tls.clientContext(), a.adminKey());
            Http httpB = new Http(b.httpPort(), tls.clientContext(), a.adminKey());
            // Both own tasks: then some partitions of every store are only on the other instance.
            await().atMost(Duration.ofSeconds(90)).until(() -> httpA.get("/health/ready").status() == 200
                    && httpB.get("/health/ready").status() == 200
                    && a.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty())
                    && b.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty()));
            assertThatThrownBy(() -> new Http(b.httpPort()).get("/health/live")).isInstanceOf(UncheckedIOException.class);

            StringBuilder lois = new StringBuilder();
            for (int i = 0; i < DISTRICTS.size(); i++) {
                lois.append(String.format("{\"eventId\":\"h%d\",\"loiId\":\"L-h%d\",\"meetId\":\"M1\",\"districtCode\":\"%s\","
                        + "\"productCode\":\"PASHMINA\",\"buyer\":\"B\",\"seller\":\"S\",\"valueInr\":\"%d.00\","
                        + "\"signedAt\":\"2023-06-15T10:00:00+05:30\"}\n", i, i, DISTRICTS.get(i), 1000 * (i + 1)));
            }
            assertThat(httpA.post("/api/v1/ingest/lois", "application/x-ndjson", lois.toString()).status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (Http http : List.of(httpA, httpB)) {
                    for (int i = 0; i < DISTRICTS.size(); i++) {
                        var view = http.get("/api/v1/districts/" + DISTRICTS.get(i) + "?period=FY2023-24");
                        assertThat(view.status()).as(view.body()).isEqualTo(200);
                        assertThat(view.json().get("loiValueInr").decimalValue()).as(DISTRICTS.get(i))
                                .isEqualByComparingTo(String.valueOf(1000 * (i + 1)));
                    }
                }
            });
        }
    }
}

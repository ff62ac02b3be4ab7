package org.odop.pulse.serving.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.security.ClusterSecret;

/** Against a real HTTP server on loopback playing the peer: what it signs decides whether its rows are used. */
class RemoteInstancesTest {
    private static final String BODY = "{\"served\":[\"loi-measures:0\"],\"rows\":[{\"store\":\"loi-measures\",\"partition\":0,"
            + "\"district\":\"JK-SRINAGAR\",\"product\":\"*\",\"values\":{\"loiCount\":7}}]}";

    @TempDir
    Path dir;
    private HttpServer server;

    /** A peer answering BODY, with the answer header {@code signer} gives for the request's signature header. */
    private HostInfo peer(BiFunction<String, String, String> signer) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String answer = signer.apply(exchange.getRequestHeaders().getFirst(ClusterSecret.HEADER), BODY);
            if (answer != null) exchange.getResponseHeaders().add(ClusterSecret.HEADER, answer);
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new HostInfo("127.0.0.1", server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private ClusterSecret secret(String name) throws Exception {
        return ClusterSecret.loadOrCreate(dir.resolve(name), Clock.systemUTC());
    }

    @Test
    @DisplayName("rows are used only from a peer that signs its answer with the shared secret, for this request")
    void onlySignedAnswersCount() throws Exception {
        ClusterSecret shared = secret("cluster.secret");
        ClusterSecret stranger = secret("stranger.secret");
        RemoteInstances remote = new RemoteInstances(shared);
        List<String> wanted = List.of("loi-measures:0");

        HostInfo honest = peer(shared::signAnswer);
        PartitionRows rows = remote.rows(honest, wanted, "all", null, false).get(10, TimeUnit.SECONDS);
        assertThat(rows.rows()).singleElement().satisfies(r -> assertThat(r.values()).containsEntry("loiCount", 7L));
        stop();

        for (BiFunction<String, String, String> bad : List.<BiFunction<String, String, String>>of(
                (request, body) -> null,                                        // no signature
                stranger::signAnswer,                                           // another secret
                (request, body) -> shared.signAnswer(request, body.replace("7", "8")), // for another body
                (request, body) -> shared.signAnswer(shared.sign("GET", "/internal/v1/rows?other"), body))) { // another request
            HostInfo host = peer(bad);
            assertThat(remote.rows(host, wanted, "all", null, false)).failsWithin(10, TimeUnit.SECONDS)
                    .withThrowableOfType(ExecutionException.class)
                    .withMessageContaining("without the cluster secret's signature");
            stop();
        }
    }
}

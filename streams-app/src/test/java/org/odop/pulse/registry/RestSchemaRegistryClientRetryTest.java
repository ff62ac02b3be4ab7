package org.odop.pulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.LoiSigned;

/** Retries against a real HTTP server on loopback that answers with a scripted sequence of statuses. */
@DisplayName("RestSchemaRegistryClient retries what may pass and nothing else")
class RestSchemaRegistryClientRetryTest {
    private static final String APICURIO_RACE = "{\"error_code\":50001,\"message\":\"Unique index or primary key violation\"}";

    private record Answer(int status, String body) {}

    private final Deque<Answer> script = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    private RestSchemaRegistryClient client(int attempts, Answer... answers) throws IOException {
        script.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Answer a = script.size() > 1 ? script.poll() : script.peek();
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(a.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new RestSchemaRegistryClient("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), attempts, Duration.ofMillis(5));
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    @DisplayName("a 500 (Apicurio's answer when two clients register one schema at once) is asked again, and the id comes back")
    void serverErrorRetried() throws IOException {
        RestSchemaRegistryClient client = client(5, new Answer(500, APICURIO_RACE), new Answer(500, APICURIO_RACE),
                new Answer(200, "{\"id\":7}"));

        assertThat(client.register("odop-pulse-loi-by-id-repartition-value", LoiSigned.getClassSchema())).isEqualTo(7);
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    @DisplayName("an answer about the request itself (404 unknown id) is final: asked once")
    void notFoundNotRetried() throws IOException {
        RestSchemaRegistryClient client = client(5, new Answer(404, "{\"error_code\":40403,\"message\":\"Schema 9 not found\"}"));

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client.getById(9));
        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertThat(e.isTransient()).isFalse();
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("a registry failing on every attempt: the last failure is thrown after exactly the attempts allowed")
    void givesUpAfterAttempts() throws IOException {
        RestSchemaRegistryClient client = client(3, new Answer(503, "{\"error_code\":50301,\"message\":\"down\"}"));

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client.getById(9));
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.isTransient()).isTrue();
        assertThat(requests.get()).isEqualTo(3);
    }
}

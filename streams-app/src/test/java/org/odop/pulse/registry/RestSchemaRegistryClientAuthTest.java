package org.odop.pulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.support.TestCertificates;

/** Registry credentials and TLS trust, against a real HTTP(S) server on loopback that checks Authorization. */
@DisplayName("RestSchemaRegistryClient authenticates and keeps its credentials to itself")
class RestSchemaRegistryClientAuthTest {
    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final String SCHEMA = "{\"schema\":\"\\\"string\\\"\"}";

    @TempDir
    Path dir;

    /** The Authorization header of every request, null where there was none. */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile String expected;
    private HttpServer server;

    private String start(HttpServer s, String expectedAuthorization) {
        expected = expectedAuthorization;
        server = s;
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(auth);
            boolean ok = expected.equals(auth);
            byte[] body = (ok ? SCHEMA : "{\"error_code\":40101,\"message\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return (s instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    private String startHttp(String expectedAuthorization) throws IOException {
        return start(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), expectedAuthorization);
    }

    private static RestSchemaRegistryClient client(String url, RegistryAccess access) {
        return new RestSchemaRegistryClient(url, access, Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(5));
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    @DisplayName("basic auth from --schema-registry-user-info is sent; without it the 401 is not retried and says why")
    void basicAuth() throws IOException {
        String url = startHttp(basic("odop:" + PASSWORD));

        assertThat(client(url, new RegistryAccess("odop:" + PASSWORD, null, null)).getById(1).getType())
                .isEqualTo(org.apache.avro.Schema.Type.STRING);

        SchemaRegistryException refused = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(url, RegistryAccess.NONE).getById(2));
        assertThat(refused.httpStatus()).isEqualTo(401);
        assertThat(refused.isTransient()).isFalse();
        assertThat(refused.getMessage()).contains("--schema-registry-user-info");
        assertThat(seen).containsExactly(basic("odop:" + PASSWORD), null); // the 401 was asked once
    }

    @Test
    @DisplayName("user info in the URL is used as basic auth and shows nowhere: not in baseUrl, not in errors")
    void userInfoInUrl() throws IOException {
        String url = startHttp(basic("odop:" + PASSWORD));
        String withRight = url.replace("://", "://odop:" + PASSWORD + "@");
        RestSchemaRegistryClient right = client(withRight, RegistryAccess.NONE);
        assertThat(right.getById(1).getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
        assertThat(right.baseUrl()).isEqualTo(url).doesNotContain(PASSWORD);

        String wrongPassword = "wr0ng-" + PASSWORD;
        SchemaRegistryException refused = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(url.replace("://", "://odop:" + wrongPassword + "@"), RegistryAccess.NONE).getById(2));
        assertThat(refused.httpStatus()).isEqualTo(401);
        assertThat(refused.toString()).doesNotContain(wrongPassword).doesNotContain("odop:");
        assertThat(new RegistryAccess("odop:" + PASSWORD, null, null).toString()).doesNotContain(PASSWORD);
        assertThat(RestSchemaRegistryClient.redact(withRight)).doesNotContain(PASSWORD).contains("***@127.0.0.1");
        IllegalArgumentException bad = catchThrowableOfType(IllegalArgumentException.class,
                () -> new RestSchemaRegistryClient("odop:" + PASSWORD + "@no-scheme", RegistryAccess.NONE));
        assertThat(bad.getMessage()).doesNotContain(PASSWORD);
    }

    @Test
    @DisplayName("a bearer token is read from its file for each request: a rotated token is picked up")
    void bearerToken() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "first-token\n");
        String url = startHttp("Bearer first-token");
        RestSchemaRegistryClient client = client(url, new RegistryAccess(null, token, null));
        assertThat(client.getById(1).getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);

        Files.writeString(token, "second-token");
        expected = "Bearer second-token";
        assertThat(client.getById(2).getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
        assertThat(seen).containsExactly("Bearer first-token", "Bearer second-token");

        expected = "Bearer third-token";
        assertThat(catchThrowableOfType(SchemaRegistryException.class, () -> client.getById(3)).getMessage())
                .doesNotContain("second-token");
    }

    @Test
    @DisplayName("over HTTPS the registry's certificate is trusted from --schema-registry-trust; without it the call fails")
    void trust() throws Exception {
        TestCertificates.Pem pem = TestCertificates.ec(dir, TestCertificates.KeyFormat.PKCS8);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(pem)));
        String url = start(https, basic("odop:" + PASSWORD));

        assertThat(client(url, new RegistryAccess("odop:" + PASSWORD, null, pem.cert())).getById(1).getType())
                .isEqualTo(org.apache.avro.Schema.Type.STRING);

        SchemaRegistryException untrusted = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(url, new RegistryAccess("odop:" + PASSWORD, null, null)).getById(2));
        assertThat(untrusted).hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
        assertThat(seen).hasSize(1); // the untrusted client never got as far as a request
    }

    private static SSLContext serverContext(TestCertificates.Pem pem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("k", pem.keys().getPrivate(), "pw".toCharArray(), new Certificate[] {pem.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}

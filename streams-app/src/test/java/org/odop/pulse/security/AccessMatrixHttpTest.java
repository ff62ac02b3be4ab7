package org.odop.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.http.HttpApi;
import org.odop.pulse.serving.Json;
import org.odop.pulse.support.StubHttpApi;
import org.slf4j.LoggerFactory;

/**
 * Every route of the HTTP API (the list HttpApi registers, so a new route cannot be missed) against every kind of
 * caller: no key, a malformed key, an unknown key, a revoked key and a key of each role; on a running embedded
 * instance, and with --public-read and --public-metrics on the same routes. Keys and the cluster secret never reach
 * the logs.
 */
class AccessMatrixHttpTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A value for each path parameter of the API; a route with a parameter not listed here fails the test. */
    private static final Map<String, String> SAMPLES = Map.of("districtCode", "JK-SRINAGAR", "stateCode", "JK",
            "prefix", "62", "productCode", "JK-SRINAGAR-PASHMINA", "meetId", "M1");
    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");

    @TempDir
    static Path dir;
    private static PulseApplication app;
    private static PulseConfig cfg;
    private static final Map<String, String> keys = new LinkedHashMap<>(); // caller -> Authorization header or null
    private static final List<String> secrets = new ArrayList<>();
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static ch.qos.logback.classic.Level pulseLevel;

    /** What a caller gets: refused as unauthenticated, refused as not allowed, or through to the handler. */
    enum Outcome { UNAUTHENTICATED, FORBIDDEN, THROUGH }

    @BeforeAll
    static void start() throws Exception {
        logs.start();
        root().addAppender(logs);
        // Everything the application logs, down to DEBUG, not only the warnings the tests' configuration shows.
        pulseLevel = pulse().getLevel();
        pulse().setLevel(ch.qos.logback.classic.Level.DEBUG);
        cfg = PulseConfig.embeddedDefaults(dir.resolve("app")).withPorts(0, 0, 0).toBuilder()
                // The matrix fails on purpose more often than the production limit allows from one address.
                .security(PulseConfig.Security.DEFAULT.withMaxFailuresPerMinute(100_000)).build();
        app = PulseApplication.start(cfg);
        String admin = app.adminKey();
        assertThat(admin).startsWith(ApiKey.PREFIX);
        String read = KeyFile.add(cfg.keysFile(), "reader", Role.READ, Clock.systemUTC());
        String ingest = KeyFile.add(cfg.keysFile(), "feeder", Role.INGEST, Clock.systemUTC());
        String reference = KeyFile.add(cfg.keysFile(), "curator", Role.REFERENCE, Clock.systemUTC());
        String revoked = KeyFile.add(cfg.keysFile(), "gone", Role.ADMIN, Clock.systemUTC());
        KeyFile.revoke(cfg.keysFile(), "gone", Clock.systemUTC());
        secrets.addAll(List.of(admin, read, ingest, reference, revoked,
                Files.readString(cfg.clusterSecretFile()).trim()));
        keys.put("no key", null);
        keys.put("not bearer", "Basic " + java.util.Base64.getEncoder().encodeToString(("x:" + read).getBytes()));
        keys.put("malformed", "Bearer opk_nonsense");
        keys.put("unknown", "Bearer " + ApiKey.generate());
        keys.put("wrong secret", "Bearer " + read.substring(0, 17) + ApiKey.generate().substring(17));
        keys.put("revoked", "Bearer " + revoked);
        keys.put("read", "Bearer " + read);
        keys.put("ingest", "Bearer " + ingest);
        keys.put("reference", "Bearer " + reference);
        keys.put("admin", "Bearer " + admin);
        // The running instance reads the keys file again within seconds.
        await().atMost(Duration.ofSeconds(10)).until(() -> send(app.httpPort(), "GET", "/api/v1/states", keys.get("reference"))
                .statusCode() == 403);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        root().detachAppender(logs);
        pulse().setLevel(pulseLevel);
    }

    private static Logger pulse() {
        return (Logger) LoggerFactory.getLogger("org.odop.pulse");
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static HttpResponse<String> send(int port, String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-ndjson")
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("")
                        : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) b.header("Authorization", authorization);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The concrete paths of a route: its parameters filled in; every record type for the ingest route. */
    private static List<String> paths(HttpApi.Route route) {
        if (route.path().contains("{type}")) {
            return java.util.Arrays.stream(RecordType.values()).map(t -> route.path().replace("{type}", t.pathName())).toList();
        }
        Matcher m = PARAM.matcher(route.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            assertThat(SAMPLES).as("a sample value for {%s} of %s", m.group(1), route.path()).containsKey(m.group(1));
            m.appendReplacement(path, SAMPLES.get(m.group(1)));
        }
        m.appendTail(path);
        return List.of(path + (route.access() == Access.INTERNAL ? "?want=x%3A0&period=ALL" : ""));
    }

    /** The role a path needs, or null when it needs none or no key at all counts (internal). */
    private static Role needed(HttpApi.Route route, String path) {
        return switch (route.access()) {
            case READ, METRICS -> Role.READ;
            case INGEST -> Role.toIngest(RecordType.fromPathName(path.substring(path.lastIndexOf('/') + 1)).orElseThrow());
            case OPEN, INTERNAL -> null;
        };
    }

    private static Outcome expected(HttpApi.Route route, String path, String caller, boolean publicRead, boolean publicMetrics) {
        Access a = route.access();
        if (a == Access.OPEN) return Outcome.THROUGH;
        if (a == Access.INTERNAL) return Outcome.UNAUTHENTICATED; // no API key opens the internal API
        if (a == Access.READ && publicRead || a == Access.METRICS && (publicRead || publicMetrics)) return Outcome.THROUGH;
        Role role = switch (caller) {
            case "read" -> Role.READ;
            case "ingest" -> Role.INGEST;
            case "reference" -> Role.REFERENCE;
            case "admin" -> Role.ADMIN;
            default -> null;
        };
        if (role == null) return Outcome.UNAUTHENTICATED;
        return role.grants(needed(route, path)) ? Outcome.THROUGH : Outcome.FORBIDDEN;
    }

    private static void assertMatrix(int port, List<HttpApi.Route> routes, boolean publicRead, boolean publicMetrics)
            throws Exception {
        int checked = 0;
        for (HttpApi.Route route : routes) {
            for (String path : paths(route)) {
                Map<String, String> refusals = new LinkedHashMap<>();
                for (var caller : keys.entrySet()) {
                    HttpResponse<String> r = send(port, route.method(), path, caller.getValue());
                    Outcome want = expected(route, path, caller.getKey(), publicRead, publicMetrics);
                    String as = route.method() + " " + path + " as " + caller.getKey() + ": " + r.statusCode() + " " + r.body();
                    switch (want) {
                        case THROUGH -> assertThat(r.statusCode()).as(as).isNotIn(401, 403, 429);
                        case FORBIDDEN -> {
                            assertThat(r.statusCode()).as(as).isEqualTo(403);
                            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).as(as)
                                    .contains("'" + needed(route, path).label() + "' role");
                        }
                        case UNAUTHENTICATED -> {
                            assertThat(r.statusCode()).as(as).isEqualTo(401);
                            var body = Json.MAPPER.readTree(r.body());
                            assertThat(body.size()).as(as).isEqualTo(1);
                            if (route.access() != Access.INTERNAL) {
                                assertThat(r.headers().firstValue("WWW-Authenticate")).as(as).contains("Bearer");
                                assertThat(body.get("error").asText()).as(as).contains("'" + needed(route, path).label() + "' role");
                            }
                            // The same answer whether there was no key, a bad one or a revoked one: nothing about keys.
                            refusals.put(caller.getKey(), r.body() + r.headers().firstValue("WWW-Authenticate"));
                        }
                    }
                    assertThat(r.headers().firstValue("X-Content-Type-Options")).as(as).contains("nosniff");
                    checked++;
                }
                assertThat(refusals.values().stream().distinct()).as(path).hasSizeLessThanOrEqualTo(1);
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(routes.size() * keys.size());
    }

    @Test
    @DisplayName("every route x every caller on a running embedded instance: 401, 403 or through, exactly as the roles say")
    void matrixOnRunningInstance() throws Exception {
        List<HttpApi.Route> routes = app.routes();
        assertThat(routes).extracting(HttpApi.Route::access).contains(Access.values());
        assertMatrix(app.httpPort(), routes, false, false);
    }

    @Test
    @DisplayName("--public-read opens every read route and /metrics to anyone; ingest and the internal API stay closed")
    void publicRead() throws Exception {
        try (ApiKeys k = new ApiKeys(cfg.keysFile());
             HttpApi api = StubHttpApi.start(access(k, true, false))) {
            assertMatrix(api.port(), api.routes(), true, false);
        }
    }

    @Test
    @DisplayName("--public-metrics opens /metrics only")
    void publicMetrics() throws Exception {
        try (ApiKeys k = new ApiKeys(cfg.keysFile());
             HttpApi api = StubHttpApi.start(access(k, false, true))) {
            assertMatrix(api.port(), api.routes(), false, true);
        }
    }

    private static AccessControl access(ApiKeys k, boolean publicRead, boolean publicMetrics) throws Exception {
        return new AccessControl(k, ClusterSecret.loadOrCreate(cfg.clusterSecretFile(), Clock.systemUTC()), publicRead,
                publicMetrics, new FailureLimiter(100_000, Clock.systemUTC()));
    }

    @Test
    @DisplayName("the internal API answers a request signed with the cluster secret, not one signed with another secret")
    void internalApiNeedsTheClusterSecret() throws Exception {
        String path = org.odop.pulse.serving.cluster.RemoteInstances.LOIS_PATH + "?want="
                + java.net.URLEncoder.encode(org.odop.pulse.topology.meet.MeetTopology.LOIS_STORE + ":0",
                java.nio.charset.StandardCharsets.UTF_8) + "&standby=false";
        ClusterSecret shared = ClusterSecret.loadOrCreate(cfg.clusterSecretFile(), Clock.systemUTC());
        ClusterSecret stranger = ClusterSecret.loadOrCreate(dir.resolve("stranger.secret"), Clock.systemUTC());
        assertThat(signed(path, shared).statusCode()).isEqualTo(200);
        assertThat(signed(path, stranger).statusCode()).isEqualTo(401);
        // A signature for one path does not open another.
        HttpRequest other = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path.replace("%3A0", "%3A1")))
                .header(ClusterSecret.HEADER, shared.sign("GET", path)).GET().build();
        assertThat(CLIENT.send(other, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> signed(String path, ClusterSecret secret) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .header(ClusterSecret.HEADER, secret.sign("GET", path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("after 3 failed keys in a minute from one address: 429 with Retry-After, without checking any key")
    void failedAttemptsAreLimited() throws Exception {
        try (ApiKeys k = new ApiKeys(cfg.keysFile());
             HttpApi api = StubHttpApi.start(new AccessControl(k, ClusterSecret.loadOrCreate(cfg.clusterSecretFile(),
                     Clock.systemUTC()), false, false, new FailureLimiter(3, Clock.systemUTC())))) {
            for (int i = 0; i < 3; i++) {
                assertThat(send(api.port(), "GET", "/api/v1/states", keys.get("unknown")).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> limited = send(api.port(), "GET", "/api/v1/states", keys.get("admin"));
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(send(api.port(), "GET", "/health/live", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("GET /api/v1/session is no key oracle: wrong keys there count as failed attempts, then 429 with Retry-After")
    void sessionCountsFailedKeys() throws Exception {
        try (ApiKeys k = new ApiKeys(cfg.keysFile());
             HttpApi api = StubHttpApi.start(new AccessControl(k, ClusterSecret.loadOrCreate(cfg.clusterSecretFile(),
                     Clock.systemUTC()), false, false, new FailureLimiter(3, Clock.systemUTC())))) {
            // A right key, or none, is no failed attempt however often it is asked.
            for (int i = 0; i < 5; i++) {
                assertThat(signedIn(send(api.port(), "GET", "/api/v1/session", keys.get("admin")))).isTrue();
                assertThat(signedIn(send(api.port(), "GET", "/api/v1/session", null))).isFalse();
            }
            assertThat(signedIn(send(api.port(), "GET", "/api/v1/session", keys.get("unknown")))).isFalse();
            assertThat(signedIn(send(api.port(), "GET", "/api/v1/session", keys.get("wrong secret")))).isFalse();
            // A wrong key in the session cookie counts too, and the cookie is forgotten.
            HttpResponse<String> cookie = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                    + "/api/v1/session")).header("Cookie", AccessControl.SESSION_COOKIE + "=" + keys.get("revoked")
                    .substring("Bearer ".length())).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn(cookie)).isFalse();
            assertThat(cookie.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                    .startsWith(AccessControl.SESSION_COOKIE + "=;").contains("Max-Age=0"));
            // Three failures: the address is refused, whatever key it sends, here and on every other route.
            for (String caller : List.of("unknown", "admin")) {
                HttpResponse<String> limited = send(api.port(), "GET", "/api/v1/session", keys.get(caller));
                assertThat(limited.statusCode()).as(caller).isEqualTo(429);
                assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            }
            assertThat(send(api.port(), "GET", "/api/v1/states", keys.get("admin")).statusCode()).isEqualTo(429);
            assertThat(send(api.port(), "GET", "/health/live", null).statusCode()).isEqualTo(200);
        }
    }

    private static boolean signedIn(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body()).get("signedIn").asBoolean();
    }

    @Test
    @DisplayName("the admin key file is mode 0600; the keys file holds no key; no key or secret reaches the logs")
    void noSecretsAtRest() throws Exception {
        assertThat(Files.getPosixFilePermissions(app.adminKeyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(cfg.clusterSecretFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String file = Files.readString(cfg.keysFile());
        for (String s : secrets.subList(0, secrets.size() - 1)) {
            assertThat(file).doesNotContain(s).doesNotContain(s.substring(17));
        }
        // Make sure something was logged (the first start names the admin key's file), then look for secrets.
        send(app.httpPort(), "GET", "/api/v1/states", keys.get("read"));
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            lines.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) lines.add(t.getMessage());
        }
        // The first start says where the admin key is and how to use it.
        String where = app.adminKeyFile().toString();
        assertThat(lines).anyMatch(l -> l != null && l.contains("First start: an admin API key is in " + where)
                && l.contains("-H \"Authorization: Bearer $(cat " + where + ")\""));
        for (String line : lines) {
            if (line == null) continue;
            for (String s : secrets) assertThat(line).doesNotContain(s).doesNotContain(s.substring(Math.min(17, s.length())));
        }
    }
}

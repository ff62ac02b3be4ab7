package org.odop.pulse.serving;

import org.odop.pulse.http.HttpApi;
import org.odop.pulse.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.http.SecurityHeaders;
import org.odop.pulse.support.StubHttpApi;

/** Every answer of the HTTP API carries the security headers, whatever its status, and none carries CORS headers. */
class SecurityHeadersHttpTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static HttpApi api;
    /** Its reference data cannot be read: every listing is an unmapped exception, a 500. */
    private static HttpApi broken;

    @BeforeAll
    static void start() {
        api = StubHttpApi.start(null, 1024,
                new ListingService(() -> ListingServiceTest.DISTRICTS, () -> ListingServiceTest.PRODUCTS));
        broken = StubHttpApi.start(null, 1024, new ListingService(() -> {
            throw new IllegalStateException("reference data unreadable");
        }, () -> ListingServiceTest.PRODUCTS));
    }

    @AfterAll
    static void stop() {
        api.close();
        broken.close();
    }

    private static HttpResponse<String> send(HttpApi to, String method, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (!headers.containsKey("Authorization")) b.header("Authorization", TestKeys.ADMIN_BEARER);
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpApi to, String path) throws Exception {
        return send(to, "GET", path, Map.of("Origin", "https://elsewhere.example"));
    }

    private static void assertSecurityHeaders(HttpHeaders h, String what) {
        assertThat(h.allValues("Content-Security-Policy")).as(what).containsExactly(CSP);
        assertThat(h.allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
        assertThat(h.allValues("Referrer-Policy")).as(what).containsExactly("no-referrer");
        assertThat(h.allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(h.map().keySet()).as(what + ": no CORS header")
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
    }

    @Test
    @DisplayName("the policy is the one documented: the page's own assets only")
    void policy() {
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).isEqualTo(CSP);
        assertThat(SecurityHeaders.HEADERS).containsOnlyKeys("Content-Security-Policy", "X-Content-Type-Options",
                "Referrer-Policy", "X-Frame-Options");
    }

    @Test
    @DisplayName("200: a listing, as JSON and as CSV, and the health and metrics-free endpoints")
    void ok() throws Exception {
        HttpResponse<String> r = get(api, "/api/v1/states");
        assertThat(r.statusCode()).isEqualTo(200);
        assertSecurityHeaders(r.headers(), "GET /api/v1/states");
        HttpResponse<String> csv = get(api, "/api/v1/states?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertSecurityHeaders(csv.headers(), "GET /api/v1/states?format=csv");
        HttpResponse<String> live = get(api, "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertSecurityHeaders(live.headers(), "GET /health/live");
    }

    @Test
    @DisplayName("400: a malformed parameter (an exception mapped to 400), with the {\"error\"} body")
    void badRequest() throws Exception {
        HttpResponse<String> r = get(api, "/api/v1/states?format=xml");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).startsWith("format must be json, csv or xlsx");
        assertSecurityHeaders(r.headers(), "GET /api/v1/states?format=xml");
        HttpResponse<String> noMetric = get(api, "/api/v1/rankings");
        assertThat(noMetric.statusCode()).isEqualTo(400);
        assertSecurityHeaders(noMetric.headers(), "GET /api/v1/rankings");
    }

    @Test
    @DisplayName("404: an unknown route (Javalin's own answer) and an unknown state (the API's)")
    void notFound() throws Exception {
        HttpResponse<String> route = get(api, "/no/such/route");
        assertThat(route.statusCode()).isEqualTo(404);
        assertSecurityHeaders(route.headers(), "GET /no/such/route");
        HttpResponse<String> state = get(api, "/api/v1/districts?state=XX");
        assertThat(state.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(state.body()).get("error").asText()).contains("'XX'");
        assertSecurityHeaders(state.headers(), "GET /api/v1/districts?state=XX");
    }

    @Test
    @DisplayName("500: an unexpected exception, answered {\"error\": \"internal error: ...\"} with no stack")
    void internalError() throws Exception {
        HttpResponse<String> r = get(broken, "/api/v1/states");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("internal error: IllegalStateException");
        assertSecurityHeaders(r.headers(), "GET /api/v1/states (broken)");
    }

    @Test
    @DisplayName("no CORS: a preflight and a cross-origin POST get no Access-Control-* header")
    void noCors() throws Exception {
        HttpResponse<String> preflight = send(api, "OPTIONS", "/api/v1/states", Map.of("Origin", "https://elsewhere.example",
                "Access-Control-Request-Method", "GET"));
        assertSecurityHeaders(preflight.headers(), "OPTIONS /api/v1/states");
        HttpResponse<String> post = send(api, "POST", "/api/v1/ingest/lois", Map.of("Origin", "https://elsewhere.example",
                "Content-Type", "text/plain"));
        assertThat(post.statusCode()).isEqualTo(415);
        assertSecurityHeaders(post.headers(), "POST /api/v1/ingest/lois text/plain");
    }

    @Test
    @DisplayName("an error Jetty answers itself, before Javalin (431, headers too large), carries them too")
    void jettyError() throws Exception {
        String request = "GET /api/v1/states HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n";
        String answer;
        try (Socket s = new Socket("127.0.0.1", api.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            answer = buf.toString(StandardCharsets.ISO_8859_1);
        }
        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
        assertThat(head).startsWith("HTTP/1.1 431");
        List<String> lines = head.lines().map(l -> l.toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat(lines).contains("content-security-policy: " + CSP.toLowerCase(java.util.Locale.ROOT),
                "x-content-type-options: nosniff", "referrer-policy: no-referrer", "x-frame-options: deny");
    }
}

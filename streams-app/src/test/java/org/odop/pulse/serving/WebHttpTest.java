package org.odop.pulse.serving;

import org.odop.pulse.http.WebAssets;
import org.odop.pulse.http.HttpApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odop.pulse.http.SecurityHeaders;
import org.odop.pulse.security.AccessControl;
import org.odop.pulse.support.Http;
import org.odop.pulse.support.StubHttpApi;
import org.odop.pulse.support.TestKeys;

/** The web app's HTTP side: its files, sign-in with the session cookie, its endpoints and the alert stream. */
class WebHttpTest {
    static final String FORM = "application/x-www-form-urlencoded";
    static final AlertView EARLIER = alert("STALLED", "SH-1", "2026-11-20T10:00:00Z");
    static final AlertView LATER = alert("RESOLVED", "SH-1", "2026-11-21T10:00:00Z");

    /** An alert feed in memory: {@link #publish} hands an alert to every listener. */
    static final class Alerts implements AlertFeed {
        final List<Consumer<AlertView>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public List<AlertView> recentAlerts() {
            return List.of(EARLIER);
        }

        @Override
        public AutoCloseable subscribe(Consumer<AlertView> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        void publish(AlertView a) {
            listeners.forEach(l -> l.accept(a));
        }
    }

    static final Alerts ALERTS = new Alerts();
    static HttpApi api;
    static Http anonymous;
    static Http admin;

    @BeforeAll
    static void start() {
        api = StubHttpApi.start(new WebServices(OverviewServiceTest.service(OverviewServiceTest.rows()), null, ALERTS));
        anonymous = new Http(api.port());
        admin = new Http(api.port(), TestKeys.ADMIN);
    }

    @AfterAll
    static void stop() {
        if (api != null) api.close();
    }

    static AlertView alert(String type, String shipment, String at) {
        return new AlertView(type, shipment, "JK-SRINAGAR", "JK", "PASHMINA", "BOOKED",
                Instant.parse("2026-11-01T00:00:00Z"), 604_800, Instant.parse(at));
    }

    @Test
    void thePagesAndEChartsAreServedToAnyoneWithTheSecurityHeaders() {
        var page = anonymous.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<html");
        assertThat(page.header("Content-Security-Policy")).contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
        var echarts = anonymous.get(WebAssets.ECHARTS_PATH + "/echarts.min.js");
        assertThat(echarts.status()).isEqualTo(200);
        assertThat(echarts.body()).contains("echarts").hasSizeGreaterThan(500_000);
        assertThat(anonymous.get("/no-such-file.js").status()).isEqualTo(404);
        // Data is not a file: without a key the API still refuses.
        assertThat(anonymous.get("/api/v1/overview").status()).isEqualTo(401);
    }

    @Test
    void signingInKeepsTheKeyInAnHttpOnlyStrictCookieThatOpensReadsOnly() {
        var signedIn = anonymous.send("POST", "/session", "key=" + TestKeys.ADMIN + "&next=%2F%3Fpage%3Drankings",
                "Content-Type", FORM);
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).contains("/?page=rankings");
        String cookie = signedIn.header("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(AccessControl.SESSION_COOKIE + "=" + TestKeys.ADMIN + ";")
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        String sent = AccessControl.SESSION_COOKIE + "=" + TestKeys.ADMIN;

        var session = anonymous.send("GET", "/api/v1/session", null, "Cookie", sent);
        assertThat(session.json().get("signedIn").asBoolean()).isTrue();
        assertThat(session.json().get("role").asText()).isEqualTo("admin");
        assertThat(anonymous.send("GET", "/api/v1/overview?period=FY2022-23", null, "Cookie", sent).status()).isEqualTo(200);
        // A cookie never stands for the key on a POST: another site's form would send it.
        assertThat(anonymous.send("POST", "/api/v1/ingest/lois", "{}", "Cookie", sent, "Content-Type", "application/x-ndjson")
                .status()).isEqualTo(401);

        var signedOut = anonymous.send("POST", "/session/end", "", "Content-Type", FORM, "Cookie", sent);
        assertThat(signedOut.status()).isEqualTo(303);
        assertThat(signedOut.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                .startsWith(AccessControl.SESSION_COOKIE + "=;").contains("Max-Age=0"));
    }

    @Test
    void aWrongKeyAForeignFormAndAnOpenRedirectAreRefused() {
        var wrong = anonymous.send("POST", "/session", "key=opk_nothere_secret", "Content-Type", FORM);
        assertThat(wrong.status()).isEqualTo(303);
        assertThat(wrong.header("Location")).contains("/?signin=failed");
        assertThat(wrong.header("Set-Cookie")).isEmpty();
        assertThat(anonymous.send("GET", "/api/v1/session", null, "Cookie", AccessControl.SESSION_COOKIE + "=opk_nothere_secret")
                .json().get("signedIn").asBoolean()).isFalse();

        var foreign = anonymous.send("POST", "/session", "key=" + TestKeys.ADMIN, "Content-Type", FORM,
                "Origin", "https://attacker.example");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Set-Cookie")).isEmpty();
        var sameOrigin = anonymous.send("POST", "/session", "key=" + TestKeys.ADMIN, "Content-Type", FORM,
                "Origin", "http://127.0.0.1:" + api.port());
        assertThat(sameOrigin.status()).isEqualTo(303);
        // Under Referrer-Policy: no-referrer a browser may send Origin: null; its Sec-Fetch-Site says where the form was.
        assertThat(anonymous.send("POST", "/session", "key=" + TestKeys.ADMIN, "Content-Type", FORM,
                "Origin", "null", "Sec-Fetch-Site", "same-origin").status()).isEqualTo(303);
        assertThat(anonymous.send("POST", "/session", "key=" + TestKeys.ADMIN, "Content-Type", FORM,
                "Origin", "null").status()).isEqualTo(403);
        assertThat(anonymous.send("POST", "/session", "key=" + TestKeys.ADMIN, "Content-Type", FORM,
                "Origin", "http://127.0.0.1:" + api.port(), "Sec-Fetch-Site", "cross-site").status()).isEqualTo(403);

        var away = anonymous.send("POST", "/session", "key=" + TestKeys.ADMIN + "&next=%2F%2Fattacker.example%2F",
                "Content-Type", FORM);
        assertThat(away.header("Location")).contains("/");
        assertThat(away.header("Location").orElseThrow()).doesNotContain("attacker");
        assertThat(AccessControl.localPath("/\\attacker.example")).isEqualTo("/");
        assertThat(AccessControl.localPath("https://attacker.example")).isEqualTo("/");
        assertThat(AccessControl.localPath("/?page=district&district=JK-SRINAGAR")).isEqualTo("/?page=district&district=JK-SRINAGAR");
    }

    @Test
    void overviewPeriodsAndTimelineAnswerAsTheServiceComputes() throws Exception {
        var overview = admin.get("/api/v1/overview?period=FY2022-23");
        assertThat(overview.status()).isEqualTo(200);
        var json = overview.json();
        assertThat(json.get("previousPeriod").asText()).isEqualTo("FY2021-22");
        assertThat(json.get("totals").get("loiValueInr").decimalValue()).isEqualByComparingTo("510099.00");
        assertThat(json.get("previous").get("loiCount").asLong()).isEqualTo(1);
        assertThat(json.get("states").get(0).get("stateCode").asText()).isEqualTo("JK");
        assertThat(json.get("states").get(0).get("exportValueUsd").decimalValue()).isEqualByComparingTo("2400.00");
        assertThat(json.get("districts").get(0).has("latitude")).isTrue();
        assertThat(admin.get("/api/v1/overview?period=FY22").status()).isEqualTo(400);

        // The overview as a download: a row per district, state and category, then the country now and before.
        List<String> rows = admin.get("/api/v1/overview?period=FY2022-23&format=csv").body().lines().toList();
        assertThat(rows.get(0)).startsWith("level,code,name,stateCode,period,loiCount,loiValueInr,");
        assertThat(rows).filteredOn(r -> r.startsWith("state,JK,")).singleElement().asString()
                .contains(",FY2022-23,").contains(",2400.00");
        assertThat(rows.get(rows.size() - 2)).startsWith("country,,Total,,FY2022-23,").contains(",510099.00,");
        assertThat(rows.get(rows.size() - 1)).startsWith("country,,Total,,FY2021-22,1,");
        assertThat(rows).filteredOn(r -> r.startsWith("district,")).hasSize(json.get("districts").size());
        assertThat(rows).filteredOn(r -> r.startsWith("category,")).hasSize(json.get("categories").size());
        var xlsx = org.odop.pulse.support.ApiAnswers.getBytes(api.port(), "/api/v1/overview?period=FY2022-23&format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow()).contains("overview-FY2022-23.xlsx");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var sheet = book.getSheetAt(0);
            var total = sheet.getRow(sheet.getLastRowNum() - 1);
            assertThat(total.getCell(2).getStringCellValue()).isEqualTo("Total");
            assertThat(total.getCell(6).getNumericCellValue()).isEqualTo(510099.00); // loiValueInr, a number cell
        }

        assertThat(admin.get("/api/v1/periods").json().get("fiscalYears").get(0).asText()).isEqualTo("FY2026-27");

        var timeline = admin.get("/api/v1/districts/JK-PULWAMA/timeline?from=2022-06&to=2022-07&metric=loiValueInr");
        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.body()).isEqualTo("{\"from\":\"2022-06\",\"to\":\"2022-07\",\"months\":["
                + "{\"period\":\"2022-06\",\"loiValueInr\":0.00},{\"period\":\"2022-07\",\"loiValueInr\":500000.00}]}");
        var csv = admin.get("/api/v1/timeline?from=2022-09&to=2022-09&state=UP&metric=loiCount&format=csv");
        assertThat(csv.body().lines()).containsExactly("period,loiCount", "2022-09,1");
        assertThat(admin.get("/api/v1/districts/XX-NOWHERE/timeline?from=2022-06&to=2022-07").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/timeline?from=2022-06&to=2022-07&metric=profit").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/timeline?from=2022-06").status()).isEqualTo(400);
    }

    @Test
    void theAlertStreamSendsTheRecentAlertsThenEachNewOne() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/alerts/stream"))
                .header("Accept", "text/event-stream").header("Authorization", TestKeys.ADMIN_BEARER).build();
        HttpResponse<java.io.InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<String> data = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event: ")) event = line.substring(7);
                    if (line.startsWith("data: ") && "alert".equals(event)) data.add(line.substring(6));
                }
            } catch (java.io.IOException e) {
                // the stream ends when the test closes the server
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> data.size() == 1);
        assertThat(data.get(0)).contains("\"type\":\"STALLED\"").contains("\"at\":\"2026-11-20T10:00:00Z\"")
                .contains("\"limitSeconds\":604800");
        await().atMost(Duration.ofSeconds(10)).until(() -> !ALERTS.listeners.isEmpty());
        ALERTS.publish(LATER);
        await().atMost(Duration.ofSeconds(10)).until(() -> data.size() == 2);
        assertThat(data.get(1)).contains("\"type\":\"RESOLVED\"").contains("\"shipmentId\":\"SH-1\"");
        // Without a key the stream is refused like any read.
        assertThat(anonymous.send("GET", "/api/v1/alerts/stream", null, "Accept", "text/event-stream").status()).isEqualTo(401);
    }
}

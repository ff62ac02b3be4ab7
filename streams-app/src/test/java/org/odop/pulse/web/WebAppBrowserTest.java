package org.odop.pulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.demo.DemoFeed;
import org.odop.pulse.domain.Periods;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.serving.Json;
import org.odop.pulse.support.Http;
import org.odop.pulse.topology.shipment.StallLimits;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

/**
 * The web app in a real headless Chromium against the embedded default with the demo feed: sign-in (a wrong key shows
 * the failure and no data), every page's figures equal the REST API's, figures change without a reload after events
 * are ingested, metric, period, state and language switch, a district opens from the map and from the rankings, the
 * alert feed shows STALLED and RESOLVED live, axe-core finds no WCAG 2 A/AA violation on any page, and each page's
 * screenshot is not blank.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    /** The API's figures as exact decimals, as the page's data-value attributes must equal them. */
    private static final ObjectMapper EXACT = Json.MAPPER.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final List<String> KPI_MEASURES = List.of("loiCount", "loiValueInr", "exportShipments", "exportValueInr",
            "exportValueUsd", "ecommerceOrders", "ecommerceGmvInr");
    /** A fiscal year of the demo's history: its figures stand still while the live trickle adds to today's. */
    private static final String HISTORY = "FY2022-23";
    /** Within 5 s of the API showing an event, the page shows it (it polls every 2 s). */
    private static final Duration LIVE = Duration.ofSeconds(5);
    /** A booked shipment stalls after this, so the test sees a STALLED alert arrive live. */
    private static final Duration BOOKED_LIMIT = Duration.ofSeconds(3);

    @TempDir
    static Path dir;

    private PulseApplication app;
    private DemoFeed feed;
    private ChromeDriverService service;
    private ChromeDriver driver;
    private Http http;
    private String base;

    @BeforeAll
    void start() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM)).as("%s is missing: install Debian's chromium and chromium-driver "
                + "(apt-get install -y --no-install-recommends chromium chromium-driver; .ci/run does)", CHROMIUM).isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as("%s is missing: install Debian's chromium-driver", CHROMEDRIVER).isTrue();
        Files.createDirectories(SCREENSHOTS);

        PulseConfig cfg = PulseConfig.embeddedDefaults(dir.resolve("state")).withPorts(0, 0, 0)
                .withStallLimits(StallLimits.defaults().with(Map.of(ShipmentStatus.BOOKED, BOOKED_LIMIT)), Duration.ofSeconds(1));
        app = PulseApplication.start(cfg);
        http = Http.of(app);
        base = "http://127.0.0.1:" + app.httpPort();
        await().atMost(Duration.ofSeconds(90)).until(() -> http.get("/health/ready").status() == 200);
        feed = DemoFeed.start(app.ingestService(), app.bootstrapServers(), Clock.systemUTC(),
                new DemoFeed.Settings(1_500, 1, Duration.ofSeconds(1)));

        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(90)).until(feed::live);
    }

    @AfterAll
    void stop() {
        if (driver != null) driver.quit();
        if (service != null) service.stop();
        if (feed != null) feed.close();
        if (app != null) app.close();
    }

    // ---- sign-in ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    @DisplayName("sign-in: the form, a wrong key refused with no data shown, then the admin key opens the overview")
    void signIn() {
        driver.manage().deleteAllCookies();
        driver.get(base + "/");
        WebElement form = awaitElement("[data-testid='signin-form']");
        assertThat(form.getDomAttribute("method")).isEqualTo("post");
        assertThat(form.getDomAttribute("action")).isEqualTo("/session");
        assertThat(driver.findElement(By.cssSelector("label[for='key']")).getText()).isEqualTo("API key");
        assertThat(figures()).as("no figures before signing in").isEmpty();
        axe("sign-in");
        screenshot("sign-in");

        submitKey("not-the-key-" + System.nanoTime());
        eventually(() -> {
            assertThat(driver.getCurrentUrl()).contains("signin=failed");
            assertThat(driver.findElement(By.cssSelector("[data-testid='signin-failed']")).getText())
                    .isEqualTo("That key was not accepted.");
        });
        assertThat(figures()).as("a wrong key shows no data").isEmpty();
        assertThat(driver.findElements(By.cssSelector("[data-testid='nav-overview']"))).isEmpty();
        axe("sign-in failed");
        screenshot("sign-in-failed");

        submitKey(app.adminKey());
        eventually(() -> {
            assertThat(driver.getCurrentUrl()).doesNotContain("signin=failed");
            assertThat(figure("kpi-loiValueInr")).isNotEmpty();
        });
        assertThat(driver.findElement(By.cssSelector("[data-testid='signout']")).isDisplayed()).isTrue();
        assertThat(driver.manage().getCookies()).as("the session cookie").anySatisfy(c -> {
            assertThat(c.isHttpOnly()).isTrue();
            assertThat(c.getSameSite()).isEqualTo("Strict");
            assertThat(c.getValue()).isNotEmpty();
        });
        assertThat(js().executeScript("return document.cookie")).as("the key is out of the page's reach").isEqualTo("");
    }

    // ---- overview --------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    @DisplayName("overview: key figures, growth, trend, top districts and state shares equal the API; metric, state and period switch")
    void overview() {
        open("/?page=overview&period=" + HISTORY);
        eventually(() -> {
            JsonNode ov = api("/api/v1/overview?period=" + HISTORY);
            Map<String, String> shown = figures();
            for (String m : KPI_MEASURES) {
                sameNumber(shown.get("kpi-" + m), ov.path("totals").path(m), "kpi " + m);
                assertGrowth(shown, m, ov.path("totals").path(m), ov.path("previous").path(m));
            }
            assertThat(ov.path("previousPeriod").asText()).isEqualTo("FY2021-22");
            assertTopDistricts(ov, "exportValueInr", null);
            List<Map<String, String>> states = rows("state-share", "state", "state-value");
            assertThat(states).isNotEmpty();
            for (Map<String, String> s : states) {
                JsonNode row = find(ov.path("states"), "stateCode", s.get("state"));
                sameNumber(s.get("state-value"), row.path("exportValueInr"), "state share " + s.get("state"));
            }
            JsonNode tl = api("/api/v1/timeline?from=2022-04&to=2023-03");
            List<Map<String, String>> months = rows("trend-month", "month", "trend-value");
            assertThat(months).extracting(r -> r.get("month"))
                    .containsExactlyElementsOf(values(tl.path("months"), "period"));
            for (int i = 0; i < months.size(); i++) {
                sameNumber(months.get(i).get("trend-value"), tl.path("months").path(i).path("exportValueInr"), "trend " + i);
            }
        });
        // Money as Indian readers expect: Rs 12.60 crore or Rs 4.2 lakh, and in full with Indian digit grouping.
        eventually(() -> {
            BigDecimal exports = api("/api/v1/overview?period=" + HISTORY).path("totals").path("exportValueInr").decimalValue();
            WebElement shown = driver.findElement(By.cssSelector("[data-testid='kpi-exportValueInr']"));
            assertThat(new BigDecimal(shown.getDomAttribute("data-value"))).isEqualByComparingTo(exports);
            assertThat(shown.getDomAttribute("title")).isEqualTo("Rs " + indianGrouping(exports));
            if (exports.compareTo(new BigDecimal("10000000")) >= 0) {
                assertThat(shown.getText()).isEqualTo("Rs " + exports.movePointLeft(7).setScale(2, RoundingMode.HALF_UP).toPlainString() + " crore");
            }
        });
        assertThat(driver.findElement(By.cssSelector("[data-testid='overview-map'] canvas")).isDisplayed()).isTrue();
        axe("overview");
        screenshot("overview");

        // Metric: LOI value.
        select("metric-select", "loiValue");
        eventually(() -> {
            assertThat(driver.getCurrentUrl()).contains("metric=loiValue");
            assertTopDistricts(api("/api/v1/overview?period=" + HISTORY), "loiValueInr", null);
        });

        // State: Jammu and Kashmir; the key figures become the state's.
        select("state-select", "JK");
        eventually(() -> {
            assertThat(driver.getCurrentUrl()).contains("state=JK");
            JsonNode ov = api("/api/v1/overview?period=" + HISTORY);
            JsonNode jk = find(ov.path("states"), "stateCode", "JK");
            Map<String, String> shown = figures();
            for (String m : KPI_MEASURES) sameNumber(shown.get("kpi-" + m), jk.path(m), "JK " + m);
            JsonNode prev = api("/api/v1/states/JK?period=FY2021-22");
            assertGrowth(shown, "loiValueInr", jk.path("loiValueInr"), prev.path("loiValueInr"));
            assertTopDistricts(ov, "loiValueInr", "JK");
        });

        // Period: the current month, where an LOI signed now counts.
        String month = api("/api/v1/periods").path("current").path("month").asText();
        select("period-select", month);
        eventually(() -> {
            assertThat(driver.getCurrentUrl()).contains("period=" + month);
            JsonNode jk = find(api("/api/v1/overview?period=" + month).path("states"), "stateCode", "JK");
            sameNumber(figure("kpi-loiValueInr"), jk.path("loiValueInr"), "JK LOI value this month");
        });

        // Live: an LOI ingested now shows without a reload, within 5 s of the API showing it.
        Object marker = js().executeScript("return window.__marker = {};");
        assertThat(marker).isNotNull();
        BigDecimal before = find(api("/api/v1/overview?period=" + month).path("states"), "stateCode", "JK").path("loiValueInr").decimalValue();
        BigDecimal value = new BigDecimal("54321.09");
        ingestLoi("web-live-" + System.nanoTime(), "JK-SRINAGAR", value);
        await().atMost(Duration.ofSeconds(30)).until(() -> find(api("/api/v1/overview?period=" + month).path("states"), "stateCode", "JK")
                .path("loiValueInr").decimalValue().compareTo(before.add(value)) >= 0);
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).ignoreExceptionsInstanceOf(WebDriverException.class).untilAsserted(() -> {
            BigDecimal api = find(api("/api/v1/overview?period=" + month).path("states"), "stateCode", "JK").path("loiValueInr").decimalValue();
            assertThat(new BigDecimal(figure("kpi-loiValueInr"))).isEqualByComparingTo(api);
        });
        assertThat(js().executeScript("return window.__marker !== undefined")).as("the page was not reloaded").isEqualTo(true);
    }

    @Test
    @Order(3)
    @DisplayName("map: a real click on a district's circle opens its District page")
    void openDistrictFromMap() {
        open("/?page=overview&state=JK&metric=exportValue&period=" + HISTORY);
        WebElement map = awaitElement("[data-testid='overview-map'][data-points]");
        js().executeScript("arguments[0].scrollIntoView({block: 'center'})", map);
        // Every circle's place in the map element; the one farthest from its neighbours is clicked.
        @SuppressWarnings("unchecked")
        List<List<Object>> points = (List<List<Object>>) js().executeScript(
                "const el = arguments[0]; const chart = echarts.getInstanceByDom(el);"
                        + "return chart.getOption().series[0].data.map(d => [d.code].concat(el.odopPoint(d.code)));", map);
        org.openqa.selenium.Rectangle box = map.getRect();
        List<double[]> xy = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (List<Object> p : points) {
            double x = ((Number) p.get(1)).doubleValue();
            double y = ((Number) p.get(2)).doubleValue();
            if (x > 20 && y > 20 && x < box.getWidth() - 20 && y < box.getHeight() - 20) {
                codes.add((String) p.get(0));
                xy.add(new double[] {x, y});
            }
        }
        assertThat(codes).as("districts of JK on the map").hasSizeGreaterThan(5);
        int best = 0;
        double bestGap = -1;
        for (int i = 0; i < xy.size(); i++) {
            double gap = Double.MAX_VALUE;
            for (int j = 0; j < xy.size(); j++) {
                if (i != j) gap = Math.min(gap, Math.hypot(xy.get(i)[0] - xy.get(j)[0], xy.get(i)[1] - xy.get(j)[1]));
            }
            if (gap > bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        String code = codes.get(best);
        int dx = (int) Math.round(xy.get(best)[0] - box.getWidth() / 2.0);
        int dy = (int) Math.round(xy.get(best)[1] - box.getHeight() / 2.0);
        new Actions(driver).moveToElement(map, dx, dy).click().perform();
        eventually(() -> {
            assertThat(driver.getCurrentUrl()).contains("page=district").contains("district=" + code);
            assertDistrictFigures(code, HISTORY);
        });
    }

    // ---- rankings --------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    @DisplayName("rankings: ranks (ties), values, shares and growth equal the API; metric switches; CSV and XLSX download; a district opens")
    void rankings() {
        open("/?page=rankings&metric=exportValue&period=" + HISTORY + "&state=JK&limit=0");
        eventually(() -> assertRanking("/api/v1/rankings?metric=exportValue&period=" + HISTORY + "&state=JK&limit=0"));
        assertThat(figure("ranking-total")).isNotEmpty();
        axe("rankings");
        screenshot("rankings");

        select("metric-select", "loiConversion");
        eventually(() -> {
            assertThat(driver.getCurrentUrl()).contains("metric=loiConversion");
            assertRanking("/api/v1/rankings?metric=loiConversion&period=" + HISTORY + "&state=JK&limit=0");
        });
        select("metric-select", "loiValue");
        select("state-select", "");
        eventually(() -> {
            assertThat(driver.getCurrentUrl()).contains("metric=loiValue").doesNotContain("state=");
            assertRanking("/api/v1/rankings?metric=loiValue&period=" + HISTORY + "&limit=0");
        });

        for (String format : List.of("csv", "xlsx")) {
            String href = driver.findElement(By.cssSelector("[data-testid='download-" + format + "']")).getDomAttribute("href");
            assertThat(href).startsWith("/api/v1/rankings?").contains("format=" + format).contains("metric=loiValue");
            Http.Response r = http.get(href);
            assertThat(r.status()).as(href).isEqualTo(200);
            assertThat(r.header("Content-Type").orElse("")).contains(format.equals("csv") ? "text/csv" : "spreadsheetml");
        }

        WebElement link = driver.findElement(By.cssSelector("[data-testid='ranking-row'] [data-testid='ranking-link']"));
        String code = link.findElement(By.xpath("./ancestor::tr")).getDomAttribute("data-district");
        link.click();
        eventually(() -> {
            assertThat(driver.getCurrentUrl()).contains("page=district").contains("district=" + code);
            assertDistrictFigures(code, HISTORY);
        });
    }

    // ---- district --------------------------------------------------------------------------------------------

    @Test
    @Order(5)
    @DisplayName("district: figures per product, follow-through, destinations, timeline and stalled shipments equal the API; Hindi")
    void district() {
        String code = "JK-SRINAGAR";
        open("/?page=district&district=" + code + "&period=" + HISTORY);
        eventually(() -> {
            assertDistrictFigures(code, HISTORY);
            JsonNode view = api("/api/v1/districts/" + code + "?period=" + HISTORY);
            List<Map<String, String>> products = rows("product-row", "product", "product-loiValueInr", "product-exportValueInr");
            assertThat(products).extracting(r -> r.get("product")).containsExactlyElementsOf(values(view.path("products"), "productCode"));
            for (Map<String, String> p : products) {
                JsonNode row = find(view.path("products"), "productCode", p.get("product"));
                sameNumber(p.get("product-loiValueInr"), row.path("loiValueInr"), "product LOI value");
                sameNumber(p.get("product-exportValueInr"), row.path("exportValueInr"), "product export value");
            }
            WebElement follow = driver.findElement(By.cssSelector("[data-testid='followthrough']"));
            sameNumber(follow.getDomAttribute("data-loi"), view.path("loiValueInr"), "follow-through LOI value");
            sameNumber(follow.getDomAttribute("data-linked"), view.path("loiLinkedExportValueInr"), "follow-through linked exports");

            JsonNode dest = api("/api/v1/districts/" + code + "/destinations?period=" + HISTORY);
            List<Map<String, String>> shownDest = rows("destination-row", "country", "destination-exportValueInr");
            assertThat(shownDest).extracting(r -> r.get("country")).containsExactlyElementsOf(values(dest.path("destinations"), "country"));
            for (int i = 0; i < shownDest.size(); i++) {
                sameNumber(shownDest.get(i).get("destination-exportValueInr"), dest.path("destinations").path(i).path("exportValueInr"), "destination");
            }

            JsonNode tl = api("/api/v1/districts/" + code + "/timeline?from=2022-04&to=2023-03");
            List<Map<String, String>> months = rows("timeline-month", "month", "timeline-loiValueInr");
            assertThat(months).hasSize(12);
            for (int i = 0; i < 12; i++) {
                sameNumber(months.get(i).get("timeline-loiValueInr"), tl.path("months").path(i).path("loiValueInr"), "timeline " + i);
            }
            assertThat(rows("stalled-row", "shipment")).extracting(r -> r.get("shipment"))
                    .containsExactlyInAnyOrderElementsOf(values(api("/api/v1/shipments/stalled?district=" + code), "shipmentId"));
            assertThat(driver.findElements(By.cssSelector("[data-testid='hs-row']"))).isNotEmpty();
        });
        // A month: the month of Srinagar's buyer-seller meet.
        open("/?page=district&district=" + code + "&period=2022-07");
        eventually(() -> {
            assertThat(figure("kpi-loiValueInr")).isNotEmpty();
            sameNumber(figure("kpi-loiValueInr"), api("/api/v1/districts/" + code + "?period=2022-07").path("loiValueInr"), "July");
        });
        axe("district");
        screenshot("district");

        select("lang-select", "hi");
        eventually(() -> {
            assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("hi");
            assertThat(driver.getCurrentUrl()).contains("lang=hi");
            assertThat(driver.findElement(By.cssSelector("[data-testid='nav-overview']")).getText()).isEqualTo("अवलोकन");
            assertThat(driver.findElement(By.cssSelector("label[for='period-select']")).getText()).isEqualTo("अवधि");
            assertThat(driver.findElement(By.cssSelector("[data-measure='loiValueInr'] .kpi-label")).getText()).isEqualTo("आशय पत्रों का मूल्य");
            // Money in Hindi still Indian: ₹ and करोड़ / लाख.
            JsonNode july = api("/api/v1/districts/" + code + "?period=2022-07").path("loiValueInr");
            sameNumber(figure("kpi-loiValueInr"), july, "July, in Hindi");
            String money = driver.findElement(By.cssSelector("[data-testid='kpi-loiValueInr']")).getText();
            assertThat(money).startsWith("₹");
            if (july.decimalValue().compareTo(new BigDecimal("10000000")) >= 0) assertThat(money).endsWith(" करोड़");
            else if (july.decimalValue().compareTo(new BigDecimal("100000")) >= 0) assertThat(money).endsWith(" लाख");
        });
        axe("district (Hindi)");
        screenshot("district-hi");
        select("lang-select", "en");
        eventually(() -> assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en"));
    }

    // ---- operations ------------------------------------------------------------------------------------------

    @Test
    @Order(6)
    @DisplayName("operations: pipeline state, dead letters and stalled shipments equal the API; STALLED and RESOLVED alerts arrive live")
    void operations() {
        open("/?page=operations");
        eventually(() -> {
            JsonNode ops = api("/api/v1/operations");
            assertThat(driver.findElement(By.cssSelector("[data-testid='ops-streamsState']")).getDomAttribute("data-value"))
                    .isEqualTo(ops.path("streamsState").asText()).isEqualTo("RUNNING");
            assertThat(driver.findElement(By.cssSelector("[data-testid='ops-instance']")).getDomAttribute("data-value"))
                    .isEqualTo(ops.path("instance").asText());
            assertThat(driver.findElements(By.cssSelector("[data-testid='ops-instances'] li"))).hasSize(ops.path("instances").size());
            Map<String, String> shown = figures();
            sameNumber(shown.get("ops-deadLetters"), ops.path("deadLetters").path("total"), "dead letters");
            sameNumber(shown.get("ops-stalledShipments"), ops.path("stalledShipments"), "stalled shipments");
            sameNumber(shown.get("ops-consumerLag"), ops.path("consumerLag"), "consumer lag");
            List<Map<String, String>> reasons = rows("deadletter-row", "reason", "deadletter-count");
            assertThat(reasons).extracting(r -> r.get("reason"))
                    .containsExactlyElementsOf(values(ops.path("deadLetters").path("byReason"), "reason"));
            assertThat(rows("stalled-row", "shipment")).extracting(r -> r.get("shipment"))
                    .containsExactlyInAnyOrderElementsOf(values(api("/api/v1/shipments/stalled"), "shipmentId"));
            assertThat(driver.findElement(By.cssSelector("[data-testid='alerts-state']")).getDomAttribute("data-state")).isEqualTo("live");
        });

        // A shipment booked now stalls after the test's 3 s limit: the alert arrives through the stream, no reload.
        String shipment = "SH-WEB-" + System.nanoTime();
        ingestShipment(shipment, "BOOKED");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(WebDriverException.class).untilAsserted(() ->
                assertThat(driver.findElements(By.cssSelector("[data-testid='alert-item'][data-type='STALLED'][data-shipment='" + shipment + "']")))
                        .hasSize(1));
        ingestShipment(shipment, "DISPATCHED");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(WebDriverException.class).untilAsserted(() ->
                assertThat(driver.findElements(By.cssSelector("[data-testid='alert-item'][data-type='RESOLVED'][data-shipment='" + shipment + "']")))
                        .hasSize(1));
        axe("operations");
        screenshot("operations");
    }

    // ---- phone width -----------------------------------------------------------------------------------------

    @Test
    @Order(7)
    @DisplayName("phone width: the overview fits 390 px without sideways scrolling and stays accessible")
    void phone() {
        Dimension desktop = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(390, 844));
            open("/?page=overview&period=" + HISTORY);
            eventually(() -> sameNumber(figure("kpi-exportValueInr"),
                    api("/api/v1/overview?period=" + HISTORY).path("totals").path("exportValueInr"), "phone"));
            Number overflow = (Number) js().executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as("sideways scrolling at phone width").isLessThanOrEqualTo(0);
            axe("overview (phone)");
            screenshot("overview-phone");
        } finally {
            driver.manage().window().setSize(desktop);
        }
    }

    // ---- error states and signing out ------------------------------------------------------------------------

    @Test
    @Order(8)
    @DisplayName("error states: a 503 (data being moved) and an unreachable server are explained, the last figures stay, and it recovers")
    void errorStates() {
        open("/?page=overview&period=" + HISTORY);
        eventually(() -> assertThat(figure("kpi-loiValueInr")).isNotEmpty());
        String shown = figure("kpi-loiValueInr");
        // The page's own fetch answers as the API does during a rebalance, then fails as with no server at all.
        js().executeScript("window.__fetch = window.fetch;"
                + "window.fetch = () => Promise.resolve(new Response(JSON.stringify({error: 'not every store partition can answer now (rebalancing?)'}),"
                + " {status: 503, headers: {'Content-Type': 'application/json', 'Retry-After': '5'}}));");
        eventually(() -> {
            WebElement status = driver.findElement(By.cssSelector("[data-testid='status']"));
            assertThat(status.getDomAttribute("data-state")).isEqualTo("moving");
            assertThat(status.getText()).isEqualTo("Data is being moved between instances, retrying…");
        });
        assertThat(figure("kpi-loiValueInr")).as("the last figures stay").isEqualTo(shown);
        js().executeScript("window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));");
        eventually(() -> {
            WebElement status = driver.findElement(By.cssSelector("[data-testid='status']"));
            assertThat(status.getDomAttribute("data-state")).isEqualTo("unreachable");
            assertThat(status.getText()).isEqualTo("The server cannot be reached, retrying…");
        });
        screenshot("overview-unreachable");
        js().executeScript("window.fetch = window.__fetch;");
        eventually(() -> {
            WebElement status = driver.findElement(By.cssSelector("[data-testid='status']"));
            assertThat(status.getDomAttribute("data-state")).isEqualTo("ok");
            assertThat(status.getText()).isEmpty();
        });
    }

    @Test
    @Order(9)
    @DisplayName("signing out forgets the session: the sign-in form again, no figures")
    void signOut() {
        open("/?page=rankings&period=" + HISTORY);
        awaitElement("[data-testid='signout']").click();
        awaitElement("[data-testid='signin-form']");
        assertThat(cookieSignedIn()).as("the session cookie is gone").isFalse();
        assertThat(figures()).isEmpty();
    }

    @Test
    @Order(10)
    @DisplayName("the browser reported no Content-Security-Policy violation and no script error")
    void noConsoleErrors() {
        // The log is read at all: a message written now is in it.
        js().executeScript("console.error('odop-pulse log probe')");
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(entries).extracting(LogEntry::getMessage).anyMatch(m -> m.contains("odop-pulse log probe"));
        assertThat(entries).extracting(LogEntry::getMessage)
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .noneMatch(m -> m.contains("Uncaught"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void open(String path) {
        ensureSignedIn();
        driver.get(base + path);
    }

    private void ensureSignedIn() {
        if (cookieSignedIn()) return;
        driver.get(base + "/");
        awaitElement("[data-testid='signin-form']");
        submitKey(app.adminKey());
        awaitElement("[data-testid='nav-overview']");
    }

    private boolean cookieSignedIn() {
        return driver.manage().getCookies().stream().anyMatch(c -> !c.getValue().isEmpty() && c.isHttpOnly());
    }

    private void submitKey(String key) {
        WebElement input = awaitElement("input[name='key']");
        input.clear();
        input.sendKeys(key);
        driver.findElement(By.cssSelector("[data-testid='signin-submit']")).click();
    }

    private void select(String id, String value) {
        eventually(() -> new Select(driver.findElement(By.id(id))).selectByValue(value));
    }

    private WebElement awaitElement(String css) {
        AtomicReference<WebElement> found = new AtomicReference<>();
        eventually(() -> {
            List<WebElement> els = driver.findElements(By.cssSelector(css));
            assertThat(els).as(css).isNotEmpty();
            found.set(els.get(0));
        });
        return found.get();
    }

    private static ConditionFactory awaiting(Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(WebDriverException.class);
    }

    private void eventually(ThrowingRunnable check) {
        awaiting(Duration.ofSeconds(30)).untilAsserted(check);
    }

    private JavascriptExecutor js() {
        return driver;
    }

    /** Every figure on the page: data-testid to data-value, read in one go. */
    @SuppressWarnings("unchecked")
    private Map<String, String> figures() {
        List<List<String>> pairs = (List<List<String>>) js().executeScript(
                "return Array.from(document.querySelectorAll('[data-testid][data-value]')).map(e => [e.dataset.testid, e.dataset.value]);");
        return pairs.stream().collect(Collectors.toMap(p -> p.get(0), p -> p.get(1), (a, b) -> a));
    }

    private String figure(String testid) {
        String v = figures().get(testid);
        assertThat(v).as("figure %s", testid).isNotNull();
        return v;
    }

    /** The rows with data-testid {@code row}: their data-{@code key} and the data-value of the given figures, in order. */
    @SuppressWarnings("unchecked")
    private List<Map<String, String>> rows(String row, String key, String... figureIds) {
        return (List<Map<String, String>>) js().executeScript(
                "const [row, key, ids] = arguments;"
                        + "return Array.from(document.querySelectorAll(`[data-testid='${row}']`)).map(r => {"
                        + "  const o = {}; o[key] = r.dataset[key];"
                        + "  for (const id of ids) { const f = r.querySelector(`[data-testid='${id}']`); o[id] = f ? f.dataset.value : null; }"
                        + "  return o; });", row, key, List.of(figureIds));
    }

    private JsonNode api(String path) {
        Http.Response r = http.get(path);
        assertThat(r.status()).as("%s: %s", path, r.body()).isEqualTo(200);
        try {
            return EXACT.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sameNumber(String shown, JsonNode api, String what) {
        assertThat(shown).as("%s shown", what).isNotNull().isNotEmpty();
        assertThat(api.isNumber()).as("%s in the API: %s", what, api).isTrue();
        assertThat(new BigDecimal(shown)).as(what).isEqualByComparingTo(api.decimalValue());
    }

    /** Growth in percent from the API's exact figures, two decimals; none where the previous figure is zero. */
    private static void assertGrowth(Map<String, String> shown, String measure, JsonNode cur, JsonNode prev) {
        String g = shown.get("growth-" + measure);
        assertThat(g).as("growth %s", measure).isNotNull();
        BigDecimal p = prev.decimalValue();
        if (p.signum() == 0) {
            assertThat(g).as("growth %s without a previous figure", measure).isEmpty();
            return;
        }
        BigDecimal expected = cur.decimalValue().subtract(p).multiply(BigDecimal.valueOf(100)).divide(p.abs(), 2, RoundingMode.HALF_UP);
        assertThat(new BigDecimal(g)).as("growth %s", measure).isCloseTo(expected, within(new BigDecimal("0.01")));
    }

    /** The top districts shown: the API's districts (of a state) with the largest non-zero figures, largest first. */
    private void assertTopDistricts(JsonNode overview, String measure, String state) {
        List<JsonNode> expected = StreamSupport.stream(overview.path("districts").spliterator(), false)
                .filter(d -> state == null || d.path("stateCode").asText().equals(state))
                .filter(d -> d.path(measure).decimalValue().signum() != 0)
                .sorted(Comparator.<JsonNode, BigDecimal>comparing(d -> d.path(measure).decimalValue()).reversed()
                        .thenComparing(d -> d.path("districtCode").asText()))
                .limit(10).toList();
        List<Map<String, String>> shown = rows("top-district", "district", "top-value");
        assertThat(shown).extracting(r -> r.get("district")).containsExactlyElementsOf(expected.stream().map(d -> d.path("districtCode").asText()).toList());
        for (int i = 0; i < shown.size(); i++) sameNumber(shown.get(i).get("top-value"), expected.get(i).path(measure), "top " + i);
    }

    private void assertRanking(String path) {
        JsonNode r = api(path);
        List<Map<String, String>> shown = rows("ranking-row", "district", "ranking-rank", "ranking-value", "ranking-share", "ranking-growth");
        JsonNode entries = r.path("entries");
        assertThat(entries.size()).as("entries of %s", path).isGreaterThan(1);
        assertThat(shown).extracting(x -> x.get("district")).containsExactlyElementsOf(values(entries, "districtCode"));
        for (int i = 0; i < shown.size(); i++) {
            Map<String, String> row = shown.get(i);
            JsonNode e = entries.path(i);
            assertThat(row.get("ranking-rank")).isEqualTo(e.path("rank").asText());
            sameNumber(row.get("ranking-value"), e.path("value"), "ranking value " + i);
            if (e.path("sharePct").isNull()) {
                assertThat(row.get("ranking-share")).isIn(null, "");
            } else {
                sameNumber(row.get("ranking-share"), e.path("sharePct"), "share " + i);
            }
            if (e.path("growthPct").isNull()) {
                assertThat(row.get("ranking-growth")).isEmpty();
            } else {
                sameNumber(row.get("ranking-growth"), e.path("growthPct"), "growth " + i);
            }
        }
        sameNumber(figure("ranking-total"), r.path("total"), "ranking total");
    }

    private void assertDistrictFigures(String code, String period) {
        JsonNode view = api("/api/v1/districts/" + code + "?period=" + period);
        Map<String, String> shown = figures();
        for (String m : KPI_MEASURES) sameNumber(shown.get("kpi-" + m), view.path(m), code + " " + m);
    }

    /** 12345678.5 as 1,23,45,678.50: the last three digits, then pairs (for figures of at least zero). */
    static String indianGrouping(BigDecimal v) {
        String digits = v.abs().setScale(0, RoundingMode.DOWN).toPlainString();
        String fraction = v.abs().setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        fraction = fraction.substring(fraction.indexOf('.'));
        StringBuilder out = new StringBuilder();
        int head = digits.length() - 3;
        if (head <= 0) return digits + fraction;
        String rest = digits.substring(0, head);
        for (int i = 0; i < rest.length(); i++) {
            out.append(rest.charAt(i));
            if ((rest.length() - i - 1) % 2 == 0) out.append(',');
        }
        return out + digits.substring(head) + fraction;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) if (n.path(field).asText().equals(value)) return n;
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.path(field).asText());
        return out;
    }

    private void ingestLoi(String id, String district, BigDecimal value) {
        String now = OffsetDateTime.now(Periods.IST).truncatedTo(ChronoUnit.SECONDS).toString();
        String line = String.format("{\"eventId\":\"%s\",\"loiId\":\"%s\",\"meetId\":\"BSM-WEB-TEST\",\"districtCode\":\"%s\","
                + "\"productCode\":\"PASHMINA\",\"buyer\":\"Web test\",\"seller\":\"Web test\",\"valueInr\":\"%s\",\"signedAt\":\"%s\"}%n",
                id, id, district, value.toPlainString(), now);
        Http.Response r = http.post("/api/v1/ingest/lois", "application/x-ndjson", line);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private void ingestShipment(String shipmentId, String status) {
        String now = OffsetDateTime.now(Periods.IST).truncatedTo(ChronoUnit.SECONDS).toString();
        String line = String.format("{\"eventId\":\"%s-%s\",\"shipmentId\":\"%s\",\"districtCode\":\"JK-PULWAMA\",\"productCode\":\"SAFFRON\","
                + "\"status\":\"%s\",\"quantity\":\"2.5\",\"unit\":\"kg\",\"valueInr\":\"150000.00\",\"destinationCountry\":\"AE\","
                + "\"occurredAt\":\"%s\"}%n", shipmentId, status, shipmentId, status, now);
        Http.Response r = http.post("/api/v1/ingest/shipments", "application/x-ndjson", line);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** axe-core's WCAG 2.0 and 2.1 A and AA rules on the page as it is: no violation. */
    private void axe(String page) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        assertThat(results.getViolations()).as("axe on %s: %s", page, describe(results.getViolations())).isEmpty();
        assertThat(results.getPasses()).as("axe ran its rules on %s", page).isNotEmpty();
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at "
                + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    /** Saves the page under target/screenshots/ and checks it is not blank: many distinct colours. */
    private void screenshot(String name) {
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            BufferedImage img = ImageIO.read(to.toFile());
            assertThat(img).as(name).isNotNull();
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) colours.add(img.getRGB(x, y) & 0xffffff);
            }
            assertThat(colours.size()).as("distinct colours in the screenshot of %s", name).isGreaterThan(50);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

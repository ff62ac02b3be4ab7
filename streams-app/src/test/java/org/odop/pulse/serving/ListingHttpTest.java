package org.odop.pulse.serving;

import org.odop.pulse.http.HttpApi;
import org.odop.pulse.support.TestKeys;
import org.odop.pulse.support.StubHttpApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.serving.ranking.RankingService;

/** The listing endpoints over HTTP, beside the district view whose path they share, and periods as the API takes them. */
class ListingHttpTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static HttpApi api;

    @BeforeAll
    static void start() {
        api = StubHttpApi.start(null, 1024,
                new ListingService(() -> ListingServiceTest.DISTRICTS, () -> ListingServiceTest.PRODUCTS));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private record Answer(int status, JsonNode json) {}

    private static Answer get(String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", TestKeys.ADMIN_BEARER).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return new Answer(r.statusCode(), Json.MAPPER.readTree(r.body()));
    }

    @Test
    @DisplayName("GET /api/v1/states lists stateCode, stateName and the number of districts, by state code")
    void states() throws Exception {
        Answer a = get("/api/v1/states");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().toString()).isEqualTo("{\"states\":["
                + "{\"stateCode\":\"JK\",\"stateName\":\"Jammu & Kashmir\",\"districts\":4},"
                + "{\"stateCode\":\"ML\",\"stateName\":\"Meghalaya\",\"districts\":1},"
                + "{\"stateCode\":\"UP\",\"stateName\":\"Uttar Pradesh\",\"districts\":1}]}");
    }

    @Test
    @DisplayName("GET /api/v1/districts lists every district, or one state's; an unknown state is a 404 with a message")
    void districts() throws Exception {
        Answer all = get("/api/v1/districts");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("districts")).hasSize(6);

        Answer ml = get("/api/v1/districts?state=ML");
        assertThat(ml.json().toString()).isEqualTo("{\"districts\":[{\"districtCode\":\"ML-WEST-JAINTIA-HILLS\","
                + "\"districtName\":\"West Jaintia Hills\",\"stateCode\":\"ML\",\"stateName\":\"Meghalaya\","
                + "\"latitude\":null,\"longitude\":null}]}");
        JsonNode srinagar = get("/api/v1/districts?state=JK").json().get("districts").get(3);
        assertThat(srinagar.get("districtCode").asText()).isEqualTo("JK-SRINAGAR");
        assertThat(srinagar.get("latitude").decimalValue()).isEqualByComparingTo("34.0837");
        assertThat(srinagar.get("longitude").decimalValue()).isEqualByComparingTo("74.7973");

        // An empty state parameter is no filter, as elsewhere in the API.
        assertThat(get("/api/v1/districts?state=").json().get("districts")).hasSize(6);
        Answer unknown = get("/api/v1/districts?state=AR");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).contains("'AR'");
    }

    @Test
    @DisplayName("GET /api/v1/products lists every product, or one district's; an unknown district is a 404 with a message")
    void products() throws Exception {
        Answer all = get("/api/v1/products");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("products")).extracting(JsonNode::toString).first()
                .isEqualTo("{\"productCode\":\"BANARASI-SILK\",\"productName\":\"Banarasi silk sarees\",\"category\":\"HANDLOOM\","
                        + "\"districtCode\":\"UP-VARANASI\",\"hsCode\":null}");
        assertThat(all.json().get("products")).hasSize(5);

        JsonNode srinagar = get("/api/v1/products?district=JK-SRINAGAR").json().get("products");
        assertThat(srinagar).extracting(p -> p.get("productCode").asText()).containsExactly("PAPIER-MACHE", "PASHMINA");
        assertThat(srinagar.get(1).get("hsCode").asText()).isEqualTo("62142010");
        assertThat(get("/api/v1/products?district=JK-JAMMU").json().toString()).isEqualTo("{\"products\":[]}");

        Answer unknown = get("/api/v1/products?district=JK-NOWHERE");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).contains("'JK-NOWHERE'");
    }

    @Test
    @DisplayName("GET /api/v1/districts/{code} and /api/v1/states/{code} still reach their views (they check the period first)")
    void pathRoutesUnchanged() throws Exception {
        Answer district = get("/api/v1/districts/JK-SRINAGAR?period=FY2022-23-Q5");
        assertThat(district.status()).isEqualTo(400);
        assertThat(district.json().get("error").asText()).startsWith("malformed period 'FY2022-23-Q5'").contains("FY2022-23-Q1");
        Answer state = get("/api/v1/states/JK?period=FY2022-24-Q1");
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.json().get("error").asText()).startsWith("malformed period 'FY2022-24-Q1'");
    }

    @Test
    @DisplayName("a ranking takes a quarter as its period; a malformed quarter is a 400")
    void quarterPeriods() throws Exception {
        Answer q = get("/api/v1/rankings?metric=exportValue&period=FY2022-23-Q1");
        assertThat(q.status()).isEqualTo(200);
        assertThat(q.json().get("period").asText()).isEqualTo("FY2022-23-Q1");
        for (String bad : new String[] {"FY2022-23-Q5", "FY2022-24-Q1", "FY2022-23-q1", "FY2022-23-Q0"}) {
            assertThat(get("/api/v1/rankings?metric=exportValue&period=" + bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    @DisplayName("listings download as CSV (format=csv or Accept) and XLSX, with a file name; an unknown format is a 400")
    void downloads() throws Exception {
        var csv = CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + api.port()
                + "/api/v1/districts?state=ML")).header("Accept", "text/csv").header("Authorization", TestKeys.ADMIN_BEARER).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition")).get().asString().contains("districts.csv");
        assertThat(csv.body()).isEqualTo("districtCode,districtName,stateCode,stateName,latitude,longitude\n"
                + "ML-WEST-JAINTIA-HILLS,\"West Jaintia Hills\",ML,Meghalaya,,\n");
        var xlsx = CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + api.port()
                + "/api/v1/states?format=xlsx")).header("Authorization", TestKeys.ADMIN_BEARER).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("JK");
            assertThat(book.getSheetAt(0).getRow(1).getCell(2).getNumericCellValue()).isEqualTo(4.0);
        }
        assertThat(get("/api/v1/states?format=pdf").status()).isEqualTo(400);
    }
}

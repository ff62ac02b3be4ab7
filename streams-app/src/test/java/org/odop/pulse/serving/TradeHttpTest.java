package org.odop.pulse.serving;

import org.odop.pulse.http.HttpApi;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.support.ApiAnswers;
import org.odop.pulse.support.StubHttpApi;

/** The destinations and HS endpoints over HTTP, over the rows of {@link TradeServiceTest}: JSON fields, errors, CSV and XLSX. */
class TradeHttpTest {
    private static HttpApi api;

    @BeforeAll
    static void start() {
        api = StubHttpApi.start(TradeServiceTest.service(TradeServiceTest.rows()));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        return ApiAnswers.get(api.port(), path, accept);
    }

    /** A JSON answer's status and body, checked to be JSON. */
    private static HttpResponse<String> json(String path) throws Exception {
        return ApiAnswers.json(api.port(), path);
    }

    private static void assertError(String path, int status, String messagePart) throws Exception {
        ApiAnswers.assertError(api.port(), path, status, messagePart);
    }

    /** The first line of a CSV answer, quotes around cells dropped. */
    private static String headerLine(String csv) {
        return ApiAnswers.headerLine(csv);
    }

    @Test
    @DisplayName("GET /api/v1/districts/{code}/destinations: the district, the period, destinations by rupees then country, money exact")
    void districtDestinations() throws Exception {
        HttpResponse<String> r = json("/api/v1/districts/JK-SRINAGAR/destinations?period=FY2022-23");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"districtCode\":\"JK-SRINAGAR\",\"districtName\":\"Srinagar\",\"stateCode\":\"JK\","
                + "\"stateName\":\"Jammu and Kashmir\",\"period\":\"FY2022-23\",\"destinations\":["
                + "{\"country\":\"AE\",\"exportShipments\":1,\"exportValueInr\":12500.00,\"exportValueUsd\":0.00,\"exportValueInrUnconverted\":12500.00},"
                + "{\"country\":\"US\",\"exportShipments\":3,\"exportValueInr\":12500.00,\"exportValueUsd\":150.00,\"exportValueInrUnconverted\":0.00},"
                + "{\"country\":\"DE\",\"exportShipments\":1,\"exportValueInr\":4000.00,\"exportValueUsd\":48.00,\"exportValueInrUnconverted\":0.00}]}");
    }

    @Test
    @DisplayName("GET /api/v1/destinations with state and product, and /api/v1/states/{code}/destinations")
    void filteredDestinations() throws Exception {
        HttpResponse<String> r = json("/api/v1/destinations?period=FY2022-23&state=JK&product=PAPIER-MACHE");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"stateCode\":\"JK\",\"productCode\":\"PAPIER-MACHE\",\"period\":\"FY2022-23\",\"destinations\":["
                + "{\"country\":\"DE\",\"exportShipments\":1,\"exportValueInr\":4000.00,\"exportValueUsd\":48.00,\"exportValueInrUnconverted\":0.00},"
                + "{\"country\":\"US\",\"exportShipments\":1,\"exportValueInr\":2500.00,\"exportValueUsd\":30.00,\"exportValueInrUnconverted\":0.00}]}");

        var state = Json.MAPPER.readTree(json("/api/v1/states/UP/destinations?period=FY2022-23").body());
        assertThat(state.get("stateName").asText()).isEqualTo("Uttar Pradesh");
        assertThat(state.get("destinations")).extracting(d -> d.get("country").asText()).containsExactly("GB", "US");
        // Empty state and product parameters are no filter; no period is the whole history (no rows here).
        var all = Json.MAPPER.readTree(json("/api/v1/destinations?period=FY2022-23&state=&product=").body());
        assertThat(all.get("destinations")).extracting(d -> d.get("country").asText()).containsExactly("GB", "US", "AE", "DE");
        assertThat(json("/api/v1/destinations").body()).isEqualTo("{\"period\":\"all\",\"destinations\":[]}");
    }

    @Test
    @DisplayName("GET /api/v1/hs/{prefix}: prefix, chapter, period, totals, then districts by rupee exports with their names and states")
    void hs() throws Exception {
        HttpResponse<String> r = json("/api/v1/hs/0910?period=FY2022-23");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"hsPrefix\":\"0910\",\"chapterName\":\"Coffee, tea, mate and spices\",\"period\":\"FY2022-23\","
                + "\"loiCount\":4,\"loiValueInr\":60000.00,\"exportShipments\":8,\"exportValueInr\":44000.00,\"exportValueUsd\":420.00,"
                + "\"exportValueInrUnconverted\":9000.00,\"districts\":["
                + "{\"districtCode\":\"JK-PULWAMA\",\"districtName\":\"Pulwama\",\"stateCode\":\"JK\",\"loiValueInr\":57000.00,"
                + "\"exportValueInr\":31000.00,\"exportValueUsd\":372.00,\"exportValueInrUnconverted\":0.00},"
                + "{\"districtCode\":\"ML-WEST-JAINTIA-HILLS\",\"districtName\":\"West Jaintia Hills\",\"stateCode\":\"ML\",\"loiValueInr\":3000.00,"
                + "\"exportValueInr\":9000.00,\"exportValueUsd\":0.00,\"exportValueInrUnconverted\":9000.00},"
                + "{\"districtCode\":\"JK-SRINAGAR\",\"districtName\":\"Srinagar\",\"stateCode\":\"JK\",\"loiValueInr\":0.00,"
                + "\"exportValueInr\":2000.00,\"exportValueUsd\":24.00,\"exportValueInrUnconverted\":0.00},"
                + "{\"districtCode\":\"UP-VARANASI\",\"districtName\":\"Varanasi\",\"stateCode\":\"UP\",\"loiValueInr\":0.00,"
                + "\"exportValueInr\":2000.00,\"exportValueUsd\":24.00,\"exportValueInrUnconverted\":0.00}]}");

        var jk = Json.MAPPER.readTree(json("/api/v1/hs/09102010?period=FY2022-23&state=JK").body());
        assertThat(jk.get("stateCode").asText()).isEqualTo("JK");
        assertThat(jk.get("exportValueInr").decimalValue()).isEqualByComparingTo("30000.00");
        assertThat(jk.get("districts")).extracting(d -> d.get("districtCode").asText()).containsExactly("JK-PULWAMA");
    }

    @Test
    @DisplayName("a prefix of 3 digits, 9 digits or with a letter is a 400; 2, 4, 6 and 8 digits are not")
    void malformedPrefix() throws Exception {
        assertError("/api/v1/hs/123", 400, "malformed HS prefix '123'");
        assertError("/api/v1/hs/09x1", 400, "malformed HS prefix '09x1'");
        assertError("/api/v1/hs/091020101?period=FY2022-23", 400, "malformed HS prefix");
        for (String ok : new String[] {"09", "0910", "091020", "09102010"}) {
            assertThat(json("/api/v1/hs/" + ok + "?period=FY2022-23").statusCode()).as(ok).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("an unknown district, state or product is a 404 naming it")
    void unknownCodes() throws Exception {
        assertError("/api/v1/districts/JK-NOWHERE/destinations?period=FY2022-23", 404, "'JK-NOWHERE'");
        assertError("/api/v1/states/AR/destinations?period=FY2022-23", 404, "'AR'");
        assertError("/api/v1/destinations?period=FY2022-23&state=AR", 404, "'AR'");
        assertError("/api/v1/destinations?period=FY2022-23&product=KIWI", 404, "'KIWI'");
        assertError("/api/v1/hs/09?period=FY2022-23&state=AR", 404, "'AR'");
    }

    @Test
    @DisplayName("a malformed period is a 400 on every trade view")
    void malformedPeriod() throws Exception {
        assertError("/api/v1/districts/JK-SRINAGAR/destinations?period=FY2022-24", 400, "malformed period 'FY2022-24'");
        assertError("/api/v1/states/JK/destinations?period=2022-13", 400, "malformed period '2022-13'");
        assertError("/api/v1/destinations?period=FY2022-23-Q5", 400, "malformed period 'FY2022-23-Q5'");
        assertError("/api/v1/hs/09?period=fy2022-23", 400, "malformed period 'fy2022-23'");
    }

    @Test
    @DisplayName("destinations as CSV (format=csv): the JSON names as columns, money as plain numbers, a file name")
    void destinationsCsv() throws Exception {
        HttpResponse<String> r = get("/api/v1/states/JK/destinations?period=FY2022-23&format=csv", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(r.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("destinations-JK-FY2022-23.csv"));
        // The header line as sent (the CSV writer quotes text longer than 24 characters, which is valid CSV).
        assertThat(headerLine(r.body())).isEqualTo(
                "districtCode,stateCode,productCode,period,country,exportShipments,exportValueInr,exportValueUsd,exportValueInrUnconverted");
        assertThat(CsvCellsTest.cells(r.body())).containsExactly(
                List.of("districtCode", "stateCode", "productCode", "period", "country", "exportShipments", "exportValueInr",
                        "exportValueUsd", "exportValueInrUnconverted"),
                List.of("", "JK", "", "FY2022-23", "US", "4", "42500.00", "510.00", "0.00"),
                List.of("", "JK", "", "FY2022-23", "AE", "1", "12500.00", "0.00", "12500.00"),
                List.of("", "JK", "", "FY2022-23", "DE", "3", "5000.00", "60.00", "0.00"));
        // Money is a bare number, not quoted text.
        assertThat(r.body()).contains(",US,4,42500.00,510.00,0.00\n");
    }

    @Test
    @DisplayName("an HS view as CSV (Accept) with a total row, and as XLSX with money as number cells and the prefix as text")
    void hsDownloads() throws Exception {
        HttpResponse<String> csv = get("/api/v1/hs/0910?period=FY2022-23&state=JK", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(headerLine(csv.body())).isEqualTo("hsPrefix,period,districtCode,districtName,stateCode,loiCount,"
                + "loiValueInr,exportShipments,exportValueInr,exportValueUsd,exportValueInrUnconverted");
        assertThat(CsvCellsTest.cells(csv.body())).containsExactly(
                List.of("hsPrefix", "period", "districtCode", "districtName", "stateCode", "loiCount", "loiValueInr",
                        "exportShipments", "exportValueInr", "exportValueUsd", "exportValueInrUnconverted"),
                List.of("0910", "FY2022-23", "JK-PULWAMA", "Pulwama", "JK", "3", "57000.00", "3", "31000.00", "372.00", "0.00"),
                List.of("0910", "FY2022-23", "JK-SRINAGAR", "Srinagar", "JK", "0", "0.00", "1", "2000.00", "24.00", "0.00"),
                List.of("0910", "FY2022-23", "", Tables.TOTAL, "JK", "3", "57000.00", "4", "33000.00", "396.00", "0.00"));

        HttpResponse<byte[]> xlsx = ApiAnswers.getBytes(api.port(), "/api/v1/hs/0910?period=FY2022-23&state=JK&format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(9).getStringCellValue()).isEqualTo("exportValueUsd");
            assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("0910");
            assertThat(sheet.getRow(1).getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(1).getCell(6).getNumericCellValue()).isEqualTo(57000.0);
            assertThat(sheet.getRow(3).getCell(9).getNumericCellValue()).isEqualTo(396.0);
        }
    }
}

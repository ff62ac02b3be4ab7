package org.odop.pulse.serving;

import org.odop.pulse.http.HttpApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.support.ApiAnswers;
import org.odop.pulse.support.StubHttpApi;

/** The meet and follow-up endpoints over HTTP, over the rows and clock of {@link MeetServiceTest}: JSON fields, errors, CSV and XLSX. */
class MeetHttpTest {
    private static HttpApi api;

    @BeforeAll
    static void start() {
        api = StubHttpApi.start(MeetServiceTest.service());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        return ApiAnswers.get(api.port(), path, accept);
    }

    /** A JSON answer, checked to be JSON. */
    private static HttpResponse<String> json(String path) throws Exception {
        return ApiAnswers.json(api.port(), path);
    }

    private static void assertError(String path, int status, String messagePart) throws Exception {
        ApiAnswers.assertError(api.port(), path, status, messagePart);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> meetIds(String path) throws Exception {
        HttpResponse<String> r = json(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        Json.MAPPER.readTree(r.body()).get("meets").forEach(m -> ids.add(m.get("meetId").asText()));
        return ids;
    }

    /** The first line of a CSV answer, quotes around cells dropped. */
    private static String headerLine(String csv) {
        return ApiAnswers.headerLine(csv);
    }

    @Test
    @DisplayName("GET /api/v1/meets?state=UP: the meets with an LOI in UP, newest first, every field, money exact, times ISO")
    void meetsOfState() throws Exception {
        HttpResponse<String> r = json("/api/v1/meets?state=UP");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"meets\":["
                + "{\"meetId\":\"BSM-VARANASI-2022-11-15\",\"firstSignedAt\":\"2022-11-15T05:30:00Z\",\"lastSignedAt\":\"2022-11-15T06:00:00Z\","
                + "\"districts\":[\"UP-VARANASI\"],\"loiCount\":2,\"loiValueInr\":25000.00,\"linkedExportShipments\":1,"
                + "\"linkedExportValueInr\":3088.75,\"conversion\":0.1236},"
                + "{\"meetId\":\"BSM-SKICC-2022-07-30\",\"firstSignedAt\":\"2022-07-29T18:45:00Z\",\"lastSignedAt\":\"2022-07-30T06:30:00Z\","
                + "\"districts\":[\"JK-PULWAMA\",\"JK-SRINAGAR\",\"UP-VARANASI\"],\"loiCount\":4,\"loiValueInr\":1050000.00,"
                + "\"linkedExportShipments\":3,\"linkedExportValueInr\":550000.00,\"conversion\":0.5238}]}");
        // A meet worth nothing shows its conversion as null, not as a missing field.
        assertThat(json("/api/v1/meets?state=ML").body()).contains("\"loiValueInr\":0.00,\"linkedExportShipments\":1,"
                + "\"linkedExportValueInr\":0.00,\"conversion\":null}");
    }

    @Test
    @DisplayName("GET /api/v1/meets: from/to as IST dates, empty parameters are no filter")
    void meetsByDate() throws Exception {
        assertThat(meetIds("/api/v1/meets")).containsExactly("BSM-VARANASI-2022-11-15", "BSM-JAMMU-2022-10-01",
                "BSM-SHILLONG-2022-10-01", "BSM-SKICC-2022-07-30", "BSM-JAMMU-2022-04-21");
        assertThat(meetIds("/api/v1/meets?state=&from=&to=")).hasSize(5);
        assertThat(meetIds("/api/v1/meets?from=2022-07-30&to=2022-07-30")).containsExactly("BSM-SKICC-2022-07-30");
        assertThat(meetIds("/api/v1/meets?to=2022-07-29")).containsExactly("BSM-JAMMU-2022-04-21");
        assertThat(meetIds("/api/v1/meets?state=JK&from=2022-07-30")).containsExactly("BSM-JAMMU-2022-10-01", "BSM-SKICC-2022-07-30");
    }

    @Test
    @DisplayName("GET /api/v1/meets/{meetId}: totals, distinct buyers and sellers, districts, LOIs with status, corrections")
    void meet() throws Exception {
        HttpResponse<String> r = json("/api/v1/meets/BSM-JAMMU-2022-04-21");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"meetId\":\"BSM-JAMMU-2022-04-21\",\"firstSignedAt\":\"2022-04-21T04:30:00Z\","
                + "\"lastSignedAt\":\"2022-04-21T05:00:00Z\",\"loiCount\":3,\"loiValueInr\":20000.00,\"buyers\":1,\"sellers\":3,"
                + "\"linkedExportShipments\":1,\"linkedExportValueInr\":2469.00,\"conversion\":0.1234,\"districts\":["
                + "{\"districtCode\":\"JK-JAMMU\",\"loiCount\":2,\"loiValueInr\":10000.00,\"linkedExportValueInr\":2469.00},"
                + "{\"districtCode\":\"ML-WEST-JAINTIA-HILLS\",\"loiCount\":1,\"loiValueInr\":10000.00,\"linkedExportValueInr\":0.00}],"
                + "\"lois\":["
                + "{\"loiId\":\"LOI-B1\",\"districtCode\":\"JK-JAMMU\",\"productCode\":\"RAJMASH\",\"buyer\":\"Reliance Retail\","
                + "\"seller\":\"Bhaderwah Rajmash FPO\",\"valueInr\":6000.00,\"signedAt\":\"2022-04-21T04:30:00Z\","
                + "\"linkedExportShipments\":1,\"linkedExportValueInr\":2469.00,\"status\":\"PARTIAL\"},"
                + "{\"loiId\":\"LOI-B2\",\"districtCode\":\"ML-WEST-JAINTIA-HILLS\",\"productCode\":\"LAKADONG-TURMERIC\","
                + "\"buyer\":\"Reliance Retail\",\"seller\":\"Jaintia Spice Collective\",\"valueInr\":10000.00,"
                + "\"signedAt\":\"2022-04-21T05:00:00Z\",\"linkedExportShipments\":0,\"linkedExportValueInr\":0.00,\"status\":\"DUE\"},"
                + "{\"loiId\":\"LOI-B3\",\"districtCode\":\"JK-JAMMU\",\"productCode\":\"BASMATI\",\"buyer\":\"Reliance Retail\","
                + "\"seller\":\"R S Pura Basmati Growers\",\"valueInr\":4000.00,\"signedAt\":\"2022-04-21T05:00:00Z\","
                + "\"linkedExportShipments\":0,\"linkedExportValueInr\":0.00,\"status\":\"DUE\"}],"
                + "\"corrections\":[]}");

        String skiccBody = json("/api/v1/meets/BSM-SKICC-2022-07-30").body();
        JsonNode skicc = Json.MAPPER.readTree(skiccBody);
        assertThat(skicc.get("corrections")).hasSize(3);
        // As sent (a parsed tree would print 330000.00 as 3.3E+5).
        assertThat(skiccBody).contains("\"corrections\":[{\"loiId\":\"LOI-A3\",\"correctedAt\":\"2022-08-01T08:00:00Z\","
                + "\"previousValueInr\":330000.00,\"previousProductCode\":\"SAFFRON\",\"previousDistrictCode\":\"JK-PULWAMA\"},");
        assertThat(skicc.get("corrections")).extracting(c -> c.get("loiId").asText()).containsExactly("LOI-A3", "LOI-A2", "LOI-A3");
        assertThat(fieldNames(skicc.get("corrections").get(0))).containsExactly("loiId", "correctedAt", "previousValueInr",
                "previousProductCode", "previousDistrictCode");
        assertThat(skicc.get("lois")).extracting(l -> l.get("status").asText()).containsExactly("DUE", "CONVERTED", "PARTIAL", "DUE");
        assertThat(skicc.get("buyers").asLong()).isEqualTo(2);
        assertThat(skicc.get("sellers").asLong()).isEqualTo(3);
    }

    @Test
    @DisplayName("GET /api/v1/lois/follow-up: exactly the listed fields, oldest first; filters combine")
    void followUp() throws Exception {
        HttpResponse<String> r = json("/api/v1/lois/follow-up?state=JK");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"lois\":["
                + "{\"loiId\":\"LOI-B3\",\"meetId\":\"BSM-JAMMU-2022-04-21\",\"districtCode\":\"JK-JAMMU\",\"productCode\":\"BASMATI\","
                + "\"buyer\":\"Reliance Retail\",\"seller\":\"R S Pura Basmati Growers\",\"valueInr\":4000.00,"
                + "\"signedAt\":\"2022-04-21T05:00:00Z\",\"daysSinceSigned\":223},"
                + "{\"loiId\":\"LOI-A3\",\"meetId\":\"BSM-SKICC-2022-07-30\",\"districtCode\":\"JK-PULWAMA\",\"productCode\":\"SAFFRON\","
                + "\"buyer\":\"FabIndia\",\"seller\":\"Pampore Saffron FPO\",\"valueInr\":300000.00,"
                + "\"signedAt\":\"2022-07-30T06:30:00Z\",\"daysSinceSigned\":123}]}");
        JsonNode all = Json.MAPPER.readTree(json("/api/v1/lois/follow-up").body());
        assertThat(all.get("lois")).extracting(l -> l.get("loiId").asText()).containsExactly("LOI-B2", "LOI-B3", "LOI-A4", "LOI-A3");
        assertThat(fieldNames(all.get("lois").get(0))).containsExactly("loiId", "meetId", "districtCode", "productCode", "buyer",
                "seller", "valueInr", "signedAt", "daysSinceSigned");
        JsonNode filtered = Json.MAPPER.readTree(json("/api/v1/lois/follow-up?state=JK&district=JK-JAMMU&meet=BSM-JAMMU-2022-04-21").body());
        assertThat(filtered.get("lois")).extracting(l -> l.get("loiId").asText()).containsExactly("LOI-B3");
        assertThat(json("/api/v1/lois/follow-up?meet=BSM-NOWHERE").body()).isEqualTo("{\"lois\":[]}");
        assertThat(Json.MAPPER.readTree(json("/api/v1/lois/follow-up?state=&district=&meet=").body()).get("lois")).hasSize(4);
    }

    @Test
    @DisplayName("unknown state, district or meet is a 404 naming it; a malformed or reversed date or format a 400")
    void errors() throws Exception {
        assertError("/api/v1/meets?state=AR", 404, "'AR'");
        assertError("/api/v1/meets/BSM-NOWHERE", 404, "unknown meet 'BSM-NOWHERE'");
        assertError("/api/v1/lois/follow-up?state=AR", 404, "'AR'");
        assertError("/api/v1/lois/follow-up?district=JK-NOWHERE", 404, "unknown district 'JK-NOWHERE'");
        assertError("/api/v1/meets?from=2022-13-01", 400, "malformed from date '2022-13-01'");
        assertError("/api/v1/meets?to=30-07-2022", 400, "malformed to date '30-07-2022'");
        assertError("/api/v1/meets?from=2022-08-01&to=2022-07-31", 400, "after");
        assertError("/api/v1/meets?format=pdf", 400, "format must be json, csv or xlsx");
        assertError("/api/v1/lois/follow-up?format=pdf", 400, "format must be json, csv or xlsx");
    }

    @Test
    @DisplayName("meets as CSV: the JSON names as columns, districts in one cell, money and conversion as plain numbers, no conversion empty")
    void meetsCsv() throws Exception {
        HttpResponse<String> r = get("/api/v1/meets?state=ML&format=csv", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(r.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("meets.csv"));
        assertThat(headerLine(r.body())).isEqualTo("meetId,firstSignedAt,lastSignedAt,districts,loiCount,loiValueInr,"
                + "linkedExportShipments,linkedExportValueInr,conversion");
        assertThat(CsvCellsTest.cells(r.body())).containsExactly(
                List.of("meetId", "firstSignedAt", "lastSignedAt", "districts", "loiCount", "loiValueInr",
                        "linkedExportShipments", "linkedExportValueInr", "conversion"),
                List.of("BSM-SHILLONG-2022-10-01", "2022-10-01T06:00:00Z", "2022-10-01T06:00:00Z", "ML-WEST-JAINTIA-HILLS",
                        "1", "0.00", "1", "0.00", ""),
                List.of("BSM-JAMMU-2022-04-21", "2022-04-21T04:30:00Z", "2022-04-21T05:00:00Z", "JK-JAMMU;ML-WEST-JAINTIA-HILLS",
                        "3", "20000.00", "1", "2469.00", "0.1234"));
        assertThat(r.body()).contains(",3,20000.00,1,2469.00,0.1234\n");
    }

    @Test
    @DisplayName("a meet as CSV (Accept): its LOIs with status, then a total row")
    void meetCsv() throws Exception {
        HttpResponse<String> r = get("/api/v1/meets/BSM-VARANASI-2022-11-15", "text/csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("meet-BSM-VARANASI-2022-11-15.csv"));
        assertThat(CsvCellsTest.cells(r.body())).containsExactly(
                List.of("meetId", "loiId", "districtCode", "productCode", "buyer", "seller", "valueInr", "signedAt",
                        "linkedExportShipments", "linkedExportValueInr", "status"),
                List.of("BSM-VARANASI-2022-11-15", "LOI-C1", "UP-VARANASI", "BANARASI-SILK", "Oma Living", "Varanasi Weavers",
                        "20000.00", "2022-11-15T05:30:00Z", "1", "3088.75", "PARTIAL"),
                List.of("BSM-VARANASI-2022-11-15", "LOI-C2", "UP-VARANASI", "BANARASI-SILK", "FabIndia", "Kashi Handloom Cluster",
                        "5000.00", "2022-11-15T06:00:00Z", "0", "0.00", "OPEN"),
                List.of("BSM-VARANASI-2022-11-15", Tables.TOTAL, "", "", "", "", "25000.00", "", "1", "3088.75", ""));
    }

    @Test
    @DisplayName("the follow-up list as CSV and as XLSX: money and days as number cells, ids as text")
    void followUpDownloads() throws Exception {
        HttpResponse<String> csv = get("/api/v1/lois/follow-up?district=JK-PULWAMA&format=csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("loi-follow-up.csv"));
        assertThat(headerLine(csv.body())).isEqualTo("loiId,meetId,districtCode,productCode,buyer,seller,valueInr,signedAt,daysSinceSigned");
        assertThat(CsvCellsTest.cells(csv.body())).containsExactly(
                List.of("loiId", "meetId", "districtCode", "productCode", "buyer", "seller", "valueInr", "signedAt", "daysSinceSigned"),
                List.of("LOI-A3", "BSM-SKICC-2022-07-30", "JK-PULWAMA", "SAFFRON", "FabIndia", "Pampore Saffron FPO",
                        "300000.00", "2022-07-30T06:30:00Z", "123"));

        HttpResponse<byte[]> xlsx = ApiAnswers.getBytes(api.port(), "/api/v1/lois/follow-up?format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("loi-follow-up.xlsx"));
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("valueInr");
            assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("LOI-B2");
            assertThat(sheet.getRow(1).getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(1).getCell(6).getNumericCellValue()).isEqualTo(10000.0);
            assertThat(sheet.getRow(4).getCell(8).getNumericCellValue()).isEqualTo(123.0);
        }
    }

    /** An XLSX answer, checked to be a download named {@code file}: its first sheet's rows, each cell as POI read it. */
    private static List<List<Cell>> xlsxRows(String path, String file) throws Exception {
        HttpResponse<byte[]> xlsx = ApiAnswers.getBytes(api.port(), path);
        assertThat(xlsx.statusCode()).as(path).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        assertThat(xlsx.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains(file));
        List<List<Cell>> rows = new ArrayList<>();
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            for (var row : book.getSheetAt(0)) {
                List<Cell> cells = new ArrayList<>();
                for (int i = 0; i < row.getLastCellNum(); i++) cells.add(row.getCell(i));
                rows.add(cells);
            }
        }
        return rows;
    }

    private static List<String> texts(List<Cell> cells) {
        return cells.stream().map(c -> c.getStringCellValue()).toList();
    }

    /** The cell's number, checked to be a number cell. */
    private static double number(Cell cell) {
        assertThat(cell.getCellType()).as(cell.getAddress().formatAsString()).isEqualTo(CellType.NUMERIC);
        return cell.getNumericCellValue();
    }

    @Test
    @DisplayName("meets as XLSX: the JSON names as header, ids and times as text, counts, money and conversion as number cells")
    void meetsXlsx() throws Exception {
        var rows = xlsxRows("/api/v1/meets?state=UP&format=xlsx", "meets.xlsx");
        assertThat(rows).hasSize(3);
        assertThat(texts(rows.get(0))).containsExactly("meetId", "firstSignedAt", "lastSignedAt", "districts", "loiCount",
                "loiValueInr", "linkedExportShipments", "linkedExportValueInr", "conversion");
        var varanasi = rows.get(1);
        assertThat(varanasi.get(0).getCellType()).isEqualTo(CellType.STRING);
        assertThat(texts(varanasi.subList(0, 4))).containsExactly("BSM-VARANASI-2022-11-15", "2022-11-15T05:30:00Z",
                "2022-11-15T06:00:00Z", "UP-VARANASI");
        assertThat(number(varanasi.get(4))).isEqualTo(2.0);
        assertThat(number(varanasi.get(5))).isEqualTo(25000.0);
        assertThat(number(varanasi.get(6))).isEqualTo(1.0);
        assertThat(number(varanasi.get(7))).isEqualTo(3088.75);
        assertThat(number(varanasi.get(8))).isEqualTo(0.1236);
        assertThat(texts(rows.get(2).subList(0, 1))).containsExactly("BSM-SKICC-2022-07-30");
        assertThat(number(rows.get(2).get(5))).isEqualTo(1050000.0);
        assertThat(number(rows.get(2).get(7))).isEqualTo(550000.0);
    }

    @Test
    @DisplayName("a meet as XLSX: its LOIs with status, then a total row; money and counts as number cells")
    void meetXlsx() throws Exception {
        var rows = xlsxRows("/api/v1/meets/BSM-VARANASI-2022-11-15?format=xlsx", "meet-BSM-VARANASI-2022-11-15.xlsx");
        assertThat(rows).hasSize(4);
        assertThat(texts(rows.get(0))).containsExactly("meetId", "loiId", "districtCode", "productCode", "buyer", "seller",
                "valueInr", "signedAt", "linkedExportShipments", "linkedExportValueInr", "status");
        var c1 = rows.get(1);
        assertThat(texts(c1.subList(0, 6))).containsExactly("BSM-VARANASI-2022-11-15", "LOI-C1", "UP-VARANASI",
                "BANARASI-SILK", "Oma Living", "Varanasi Weavers");
        assertThat(number(c1.get(6))).isEqualTo(20000.0);
        assertThat(c1.get(7).getStringCellValue()).isEqualTo("2022-11-15T05:30:00Z");
        assertThat(number(c1.get(8))).isEqualTo(1.0);
        assertThat(number(c1.get(9))).isEqualTo(3088.75);
        assertThat(c1.get(10).getStringCellValue()).isEqualTo("PARTIAL");
        assertThat(rows.get(2).get(1).getStringCellValue()).isEqualTo("LOI-C2");
        assertThat(rows.get(2).get(10).getStringCellValue()).isEqualTo("OPEN");
        var total = rows.get(3);
        assertThat(total.get(1).getStringCellValue()).isEqualTo(Tables.TOTAL);
        assertThat(number(total.get(6))).isEqualTo(25000.0);
        assertThat(number(total.get(9))).isEqualTo(3088.75);
    }
}

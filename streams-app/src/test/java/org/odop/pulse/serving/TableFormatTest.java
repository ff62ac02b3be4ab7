package org.odop.pulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.domain.MeasureValues;

class TableFormatTest {
    private static final MeasureValues V = MeasureValues.of(Map.of(MeasureCatalog.LOI_COUNT, 30L,
            MeasureCatalog.LOI_VALUE, 10_500_000_000L, MeasureCatalog.ECOMMERCE_GMV, -150L));

    private static DistrictView view(String productName) {
        return new DistrictView("JK-SRINAGAR", "Srinagar", "JK", "Jammu and Kashmir", "FY2022-23", V,
                List.of(new DistrictView.ProductRow("PASHMINA", productName, V)));
    }

    @Test
    @DisplayName("a district view as CSV: the JSON names as columns, measures in catalogue order, a total row, safe text")
    void districtCsv() throws Exception {
        String csv = new String(TableFormat.csv(Tables.district(view("=cmd|'/C calc'!A0"))), StandardCharsets.UTF_8);
        assertThat(CsvCellsTest.cells(csv)).containsExactly(
                List.of("districtCode", "productCode", "productName", "period", "loiCount", "loiValueInr", "exportShipments",
                        "exportValueInr", "exportValueUsd", "exportValueInrUnconverted", "loiLinkedExportValueInr", "ecommerceOrders", "ecommerceGmvInr"),
                List.of("JK-SRINAGAR", "PASHMINA", "'=cmd|'/C calc'!A0", "FY2022-23", "30", "105000000.00", "0", "0.00", "0.00", "0.00", "0.00", "0", "-1.50"),
                List.of("JK-SRINAGAR", "", "Total", "FY2022-23", "30", "105000000.00", "0", "0.00", "0.00", "0.00", "0.00", "0", "-1.50"));
    }

    @Test
    @DisplayName("a district view as XLSX: numbers are number cells, text is text (never a formula), exactness kept")
    void districtXlsx() throws Exception {
        byte[] bytes = TableFormat.xlsx(Tables.district(view("=HYPERLINK(\"http://example/x\")")));
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("loiValueInr");
            var row = sheet.getRow(1);
            assertThat(row.getCell(2).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://example/x\")");
            assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(30.0);
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(105000000.00);
            assertThat(row.getCell(12).getNumericCellValue()).isEqualTo(-1.5);
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo(Tables.TOTAL);
            assertThat(sheet.getRow(2).getCell(1)).isNull();
        }
        // More digits than a spreadsheet number keeps: written as exact text rather than rounded.
        Table big = new Table("big", List.of("value"), List.of(List.of(new BigDecimal("92233720368547758.07")),
                List.of(BigInteger.TEN)));
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(TableFormat.xlsx(big)))) {
            assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("92233720368547758.07");
            assertThat(book.getSheetAt(0).getRow(2).getCell(0).getNumericCellValue()).isEqualTo(10.0);
        }
    }

    @Test
    @DisplayName("listings as tables: districts with coordinates as numbers, products with HS codes as text")
    void listings() throws Exception {
        var districts = new ListingView.Districts(List.of(new ListingView.District("JK-SRINAGAR", "Srinagar", "JK",
                "Jammu and Kashmir", 34.0837, 74.7973), new ListingView.District("JK-X", "X", "JK", "Jammu and Kashmir", null, null)));
        assertThat(CsvCellsTest.cells(new String(TableFormat.csv(Tables.listing(districts)), StandardCharsets.UTF_8)))
                .containsExactly(List.of("districtCode", "districtName", "stateCode", "stateName", "latitude", "longitude"),
                        List.of("JK-SRINAGAR", "Srinagar", "JK", "Jammu and Kashmir", "34.0837", "74.7973"),
                        List.of("JK-X", "X", "JK", "Jammu and Kashmir", "", ""));
        var products = new ListingView.Products(List.of(new ListingView.Product("SAFFRON", "Saffron", "AGRICULTURE",
                "JK-PULWAMA", "09102010")));
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(TableFormat.xlsx(Tables.listing(products))))) {
            var row = book.getSheetAt(0).getRow(1);
            assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(4).getStringCellValue()).isEqualTo("09102010");
        }
    }
}

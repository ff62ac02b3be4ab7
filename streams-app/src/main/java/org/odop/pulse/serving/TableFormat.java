package org.odop.pulse.serving;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.function.Supplier;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * How an answer is sent: JSON (the default), CSV or XLSX, chosen by {@code format=json|csv|xlsx} or, without
 * it, by the Accept header. In CSV, text cells that a spreadsheet would run as formulas are neutralised
 * ({@link CsvCells}); in XLSX, text is always a text cell (never a formula) and numbers are number cells.
 */
public enum TableFormat {
    JSON("application/json", "json"),
    CSV("text/csv; charset=utf-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    /** Excel keeps 15 significant digits: a number with more is written as text, so no paisa is lost. */
    static final int SPREADSHEET_DIGITS = 15;
    private static final CsvMapper CSV_MAPPER = (CsvMapper) CsvCells.mapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final String contentType;
    private final String extension;

    TableFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /** The format asked for; a {@code format} parameter other than json, csv or xlsx is a 400. */
    public static TableFormat of(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> CSV;
                case "xlsx" -> XLSX;
                default -> throw new IllegalArgumentException("format must be json, csv or xlsx, got '"
                        + (format.length() > 20 ? format.substring(0, 20) + "..." : format) + "'");
            };
        }
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains(XLSX.contentType)) return XLSX;
        if (accept != null && accept.contains("text/csv")) return CSV;
        return JSON;
    }

    /** Sends {@code json} as JSON, or the table it makes as CSV or XLSX, as the request asks. */
    public static void respond(Context ctx, Object json, Supplier<Table> table) {
        TableFormat f = of(ctx);
        if (f == JSON) {
            ctx.json(json);
            return;
        }
        Table t = table.get();
        ctx.contentType(f.contentType)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(t.name()) + "." + f.extension + "\"")
                .result(f == CSV ? csv(t) : xlsx(t));
    }

    static byte[] csv(Table t) {
        CsvSchema.Builder schema = CsvSchema.builder();
        t.columns().forEach(schema::addColumn);
        try {
            return CSV_MAPPER.writer(schema.build().withHeader()).writeValueAsBytes(t.rows());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xlsx(Table t) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            SXSSFSheet sheet = book.createSheet(sheetName(t.name()));
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int c = 0; c < t.columns().size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(t.columns().get(c));
                cell.setCellStyle(bold);
            }
            for (int r = 0; r < t.rows().size(); r++) {
                Row row = sheet.createRow(r + 1);
                var cells = t.rows().get(r);
                for (int c = 0; c < cells.size(); c++) {
                    Object v = cells.get(c);
                    if (v == null) continue;
                    Cell cell = row.createCell(c);
                    if (v instanceof Number n && fitsSpreadsheet(n)) cell.setCellValue(n.doubleValue());
                    else cell.setCellValue(v instanceof BigDecimal d ? d.toPlainString() : v.toString());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            book.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean fitsSpreadsheet(Number n) {
        BigDecimal d = n instanceof BigDecimal b ? b : n instanceof BigInteger i ? new BigDecimal(i) : BigDecimal.valueOf(n.longValue());
        if (n instanceof Double || n instanceof Float) return true;
        return d.stripTrailingZeros().precision() <= SPREADSHEET_DIGITS;
    }

    /** Letters, digits, '-', '_' and '.' only: a name can come from a path or a code. */
    private static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String sheetName(String name) {
        String s = name.replaceAll("[\\\\/?*\\[\\]:]", "_");
        return s.length() > 31 ? s.substring(0, 31) : s;
    }
}

package org.odop.pulse.serving;

import java.util.List;

/**
 * An answer as a table, for CSV and spreadsheet downloads: named columns, and rows whose cells are text
 * ({@link String}), numbers ({@link Number}: counts and money stay numbers) or empty (null).
 *
 * @param name a short name for the download's file name, e.g. {@code district-JK-SRINAGAR-FY2022-23}
 */
public record Table(String name, List<String> columns, List<List<Object>> rows) {
    public Table {
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " cells in a table of " + columns.size() + " columns");
            }
        }
    }
}

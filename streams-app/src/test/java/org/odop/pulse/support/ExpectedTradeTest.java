package org.odop.pulse.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.ingest.RecordType;

/** The recomputation the broker tests compare the dollar views with follows the README's examples. */
@DisplayName("ExpectedTrade test helper")
class ExpectedTradeTest {

    @Test
    @DisplayName("cents are paise over the rate, rounded half to even")
    void halfEven() {
        assertThat(ExpectedTrade.centsHalfEven(7_950_000, new BigDecimal("79.5000"))).isEqualTo(100_000);
        assertThat(ExpectedTrade.centsHalfEven(7_950_000, new BigDecimal("80.00"))).isEqualTo(99_375);
        assertThat(ExpectedTrade.centsHalfEven(120, new BigDecimal("80"))).isEqualTo(2);   // 1.5
        assertThat(ExpectedTrade.centsHalfEven(40, new BigDecimal("80.0000"))).isZero();   // 0.5
        assertThat(ExpectedTrade.centsHalfEven(200, new BigDecimal("80.0000"))).isEqualTo(2); // 2.5
        assertThat(ExpectedTrade.centsHalfEven(201, new BigDecimal("80.0000"))).isEqualTo(3); // 2.5125
        assertThat(ExpectedTrade.centsHalfEven(215, new BigDecimal("86.0000"))).isEqualTo(2); // 2.5
        assertThat(ExpectedTrade.centsHalfEven(0, new BigDecimal("86.0000"))).isZero();
    }

    @Test
    @DisplayName("cells of (district, product, destination, IST day) whatever the HS codes, the rate in force on the day, unconverted without one")
    void cells() {
        ExpectedViews counted = new ExpectedViews();
        ExpectedTrade trade = new ExpectedTrade(counted);
        assertThat(trade.firstRateDay()).isEqualTo(LocalDate.parse("2022-04-01"));
        trade.rateSent("USD", LocalDate.parse("2022-09-20"), new BigDecimal("80.0000"));
        trade.rateSent("EUR", LocalDate.parse("2022-09-21"), new BigDecimal("1.0000"));
        // Three exports of 40 paise on one day to one country: one cell of 120 paise, 2 cents.
        for (int i = 0; i < 3; i++) counted.accepted(RecordType.SHIPMENTS, export("a" + i, "AE", null, "0.40", "2022-09-20T10:00:00+05:30"));
        // One alone (another day and country), 0.5 -> 0. One of 120 paise with its own HS code is in the first
        // cell all the same: 240 paise, 3 cents (its HS sub-cells, 120 paise each, would make 2 + 2).
        counted.accepted(RecordType.SHIPMENTS, export("b", "US", null, "0.40", "2022-09-21T10:00:00+05:30"));
        counted.accepted(RecordType.SHIPMENTS, export("c", "AE", "09102010", "1.20", "2022-09-20T11:00:00+05:30"));
        assertThat(trade.nationalDollars("2022-09")).containsExactly(3, 0);
        // Before the first rate: unconverted. 18:30Z on 31 March is 1 April in IST, which has a rate (75.20).
        counted.accepted(RecordType.SHIPMENTS, export("d", "AE", null, "752.00", "2022-03-31T18:29:59Z"));
        counted.accepted(RecordType.SHIPMENTS, export("e", "AE", null, "752.00", "2022-03-31T18:30:00Z"));
        assertThat(trade.nationalDollars("2022-03")).containsExactly(0, 75_200);
        assertThat(trade.nationalDollars("FY2022-23-Q1")).containsExactly(1_000, 0);
        assertThat(trade.nationalDollars("all")).containsExactly(1_003, 75_200);
        trade.rateSent("USD", LocalDate.parse("2022-03-01"), new BigDecimal("75.2000"));
        assertThat(trade.nationalDollars("all")).containsExactly(2_003, 0);
        assertThat(trade.hsCodes()).containsExactly("091020", "09102010");
        // The district view and its product row are the sums of the cells.
        trade.district("JK-PULWAMA", "2022-09", view("0.03", "0.00", "SAFFRON"));
        trade.district("JK-PULWAMA", "all", view("20.03", "0.00", "SAFFRON"));
        assertThatThrownBy(() -> trade.district("JK-PULWAMA", "2022-09", view("0.04", "0.00", "SAFFRON")))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> trade.district("JK-PULWAMA", "2022-09", view("0.03", "0.00")))
                .as("a product with exports that has no row").isInstanceOf(AssertionError.class);
    }

    /** A district view with these dollar totals, and a row with the same figures for each product given. */
    private static ObjectNode view(String usd, String unconverted, String... products) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode v = json.createObjectNode();
        v.put("exportValueUsd", new BigDecimal(usd)).put("exportValueInrUnconverted", new BigDecimal(unconverted));
        ArrayNode rows = v.putArray("products");
        for (String p : products) {
            rows.addObject().put("productCode", p).put("exportValueUsd", new BigDecimal(usd))
                    .put("exportValueInrUnconverted", new BigDecimal(unconverted));
        }
        return v;
    }

    private static String export(String id, String country, String hsCode, String rupees, String at) {
        return "{\"eventId\":\"" + id + "\",\"shipmentId\":\"S" + id + "\",\"districtCode\":\"JK-PULWAMA\",\"productCode\":\"SAFFRON\","
                + (hsCode == null ? "" : "\"hsCode\":\"" + hsCode + "\",")
                + "\"status\":\"CUSTOMS_CLEARED\",\"valueInr\":\"" + rupees + "\",\"destinationCountry\":\"" + country
                + "\",\"occurredAt\":\"" + at + "\"}";
    }
}

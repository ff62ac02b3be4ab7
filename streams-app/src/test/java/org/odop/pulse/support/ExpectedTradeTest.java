package org.odop.pulse.support;

import static org.assertj.core.api.Assertions.assertThat;

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
    @DisplayName("cells of (district, product, destination, HS code, IST day), the rate in force on the day, unconverted without one")
    void cells() {
        ExpectedViews counted = new ExpectedViews();
        ExpectedTrade trade = new ExpectedTrade(counted);
        assertThat(trade.firstRateDay()).isEqualTo(LocalDate.parse("2022-04-01"));
        trade.rateSent("USD", LocalDate.parse("2022-09-20"), new BigDecimal("80.0000"));
        trade.rateSent("EUR", LocalDate.parse("2022-09-21"), new BigDecimal("1.0000"));
        // Three exports of 40 paise on one day to one country: one cell of 120 paise, 2 cents.
        for (int i = 0; i < 3; i++) counted.accepted(RecordType.SHIPMENTS, export("a" + i, "AE", null, "0.40", "2022-09-20T10:00:00+05:30"));
        // One alone (another country), 0.5 -> 0; one with its own HS code, its own cell, 0.5 -> 0.
        counted.accepted(RecordType.SHIPMENTS, export("b", "US", null, "0.40", "2022-09-21T10:00:00+05:30"));
        counted.accepted(RecordType.SHIPMENTS, export("c", "AE", "09102010", "0.40", "2022-09-20T11:00:00+05:30"));
        assertThat(trade.nationalDollars("2022-09")).containsExactly(2, 0);
        // Before the first rate: unconverted. 18:30Z on 31 March is 1 April in IST, which has a rate (75.20).
        counted.accepted(RecordType.SHIPMENTS, export("d", "AE", null, "752.00", "2022-03-31T18:29:59Z"));
        counted.accepted(RecordType.SHIPMENTS, export("e", "AE", null, "752.00", "2022-03-31T18:30:00Z"));
        assertThat(trade.nationalDollars("2022-03")).containsExactly(0, 75_200);
        assertThat(trade.nationalDollars("FY2022-23-Q1")).containsExactly(1_000, 0);
        assertThat(trade.nationalDollars("all")).containsExactly(1_002, 75_200);
        trade.rateSent("USD", LocalDate.parse("2022-03-01"), new BigDecimal("75.2000"));
        assertThat(trade.nationalDollars("all")).containsExactly(2_002, 0);
        assertThat(trade.hsCodes()).containsExactly("091020", "09102010");
    }

    private static String export(String id, String country, String hsCode, String rupees, String at) {
        return "{\"eventId\":\"" + id + "\",\"shipmentId\":\"S" + id + "\",\"districtCode\":\"JK-PULWAMA\",\"productCode\":\"SAFFRON\","
                + (hsCode == null ? "" : "\"hsCode\":\"" + hsCode + "\",")
                + "\"status\":\"CUSTOMS_CLEARED\",\"valueInr\":\"" + rupees + "\",\"destinationCountry\":\"" + country
                + "\",\"occurredAt\":\"" + at + "\"}";
    }
}

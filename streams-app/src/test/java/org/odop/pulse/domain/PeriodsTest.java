package org.odop.pulse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodsTest {
    @ParameterizedTest(name = "{0} is in {1} and {2}")
    @DisplayName("events fall in the IST month and Indian fiscal year of their instant")
    @CsvSource({
            "2022-03-31T20:00:00Z, FY2022-23, 2022-04",   // 01:30 IST on 1 April
            "2022-03-31T18:29:59Z, FY2021-22, 2022-03",   // 23:59:59 IST on 31 March
            "2022-03-31T18:30:00Z, FY2022-23, 2022-04",   // IST midnight
            "2022-07-30T05:30:00Z, FY2022-23, 2022-07",
            "2023-01-01T00:00:00Z, FY2022-23, 2023-01",
            "1999-12-31T18:30:00Z, FY1999-00, 2000-01"})
    void bucketsInIst(String instant, String fiscalYear, String month) {
        assertThat(Periods.of(Instant.parse(instant))).containsExactly("all", fiscalYear, month);
    }

    @ParameterizedTest
    @DisplayName("well-formed periods are accepted")
    @ValueSource(strings = {"all", "FY2022-23", "FY1999-00", "2022-07", "2022-12"})
    void valid(String p) {
        assertThat(Periods.isValid(p)).isTrue();
    }

    @ParameterizedTest
    @DisplayName("malformed periods are refused")
    @ValueSource(strings = {"", "ALL", "FY2022-24", "FY22-23", "2022-13", "2022-7", "2022", "FY2022", "2022-07-01"})
    void invalid(String p) {
        assertThat(Periods.isValid(p)).isFalse();
    }

    @Test
    @DisplayName("the previous period is the previous fiscal year or month, none for all")
    void previous() {
        assertThat(Periods.previous("FY2022-23")).contains("FY2021-22");
        assertThat(Periods.previous("FY2000-01")).contains("FY1999-00");
        assertThat(Periods.previous("2022-01")).contains("2021-12");
        assertThat(Periods.previous("all")).isEmpty();
    }
}

package org.odop.pulse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodsTest {
    @ParameterizedTest(name = "{0} is in {1}, {2} and {3}")
    @DisplayName("events fall in the IST month, fiscal quarter and Indian fiscal year of their instant")
    @CsvSource({
            "2022-03-31T20:00:00Z, FY2022-23, FY2022-23-Q1, 2022-04",   // 01:30 IST on 1 April
            "2022-03-31T18:29:59Z, FY2021-22, FY2021-22-Q4, 2022-03",   // 23:59:59 IST on 31 March
            "2022-03-31T18:30:00Z, FY2022-23, FY2022-23-Q1, 2022-04",   // IST midnight
            "2022-06-30T18:29:59Z, FY2022-23, FY2022-23-Q1, 2022-06",   // 23:59:59 IST on 30 June
            "2022-06-30T18:30:00Z, FY2022-23, FY2022-23-Q2, 2022-07",   // IST midnight on 1 July
            "2022-07-30T05:30:00Z, FY2022-23, FY2022-23-Q2, 2022-07",
            "2022-09-30T18:29:59Z, FY2022-23, FY2022-23-Q2, 2022-09",
            "2022-09-30T18:30:00Z, FY2022-23, FY2022-23-Q3, 2022-10",
            "2022-12-31T18:29:59Z, FY2022-23, FY2022-23-Q3, 2022-12",
            "2022-12-31T18:30:00Z, FY2022-23, FY2022-23-Q4, 2023-01",   // UTC still says 2022
            "2023-01-01T00:00:00Z, FY2022-23, FY2022-23-Q4, 2023-01",
            "2023-03-31T18:29:59Z, FY2022-23, FY2022-23-Q4, 2023-03",
            "2023-03-31T18:30:00Z, FY2023-24, FY2023-24-Q1, 2023-04",
            "1999-12-31T18:30:00Z, FY1999-00, FY1999-00-Q4, 2000-01"})
    void bucketsInIst(String instant, String fiscalYear, String quarter, String month) {
        assertThat(Periods.of(Instant.parse(instant))).containsExactly("all", fiscalYear, quarter, month);
    }

    @Test
    @DisplayName("every IST day of a fiscal year is in exactly the quarter its month says, and the quarters are well formed")
    void quartersOfEveryDay() {
        for (LocalDate d = LocalDate.of(2022, 4, 1); d.isBefore(LocalDate.of(2023, 4, 1)); d = d.plusDays(1)) {
            int m = d.getMonthValue();
            String want = "FY2022-23-Q" + (m >= 4 && m <= 6 ? 1 : m >= 7 && m <= 9 ? 2 : m >= 10 ? 3 : 4);
            assertThat(Periods.quarter(d)).as(d.toString()).isEqualTo(want);
            assertThat(Periods.isValid(Periods.quarter(d))).isTrue();
        }
    }

    @Test
    @DisplayName("the current quarter is taken in IST")
    void currentQuarter() {
        assertThat(Periods.currentQuarter(Instant.parse("2022-09-30T18:30:00Z"))).isEqualTo("FY2022-23-Q3");
        assertThat(Periods.currentQuarter(Instant.parse("2022-09-30T18:29:59Z"))).isEqualTo("FY2022-23-Q2");
    }

    @ParameterizedTest
    @DisplayName("well-formed periods are accepted")
    @ValueSource(strings = {"all", "FY2022-23", "FY1999-00", "2022-07", "2022-12",
            "FY2022-23-Q1", "FY2022-23-Q2", "FY2022-23-Q3", "FY2022-23-Q4", "FY1999-00-Q4"})
    void valid(String p) {
        assertThat(Periods.isValid(p)).isTrue();
    }

    @ParameterizedTest
    @DisplayName("malformed periods are refused")
    @ValueSource(strings = {"", "ALL", "FY2022-24", "FY22-23", "2022-13", "2022-7", "2022", "FY2022", "2022-07-01",
            "FY2022-23-Q5", "FY2022-23-Q0", "FY2022-24-Q1", "FY2022-23-q1", "fy2022-23-Q1", "FY2022-23Q1",
            "FY2022-23-Q", "FY2022-23-Q12", "FY2022-23-", "2022-Q1", "FY22-23-Q1", "FY2022-23-Q1 ", "FY2022-23-H1"})
    void invalid(String p) {
        assertThat(Periods.isValid(p)).isFalse();
    }

    @Test
    @DisplayName("the previous period is the previous fiscal year, quarter or month, none for all")
    void previous() {
        assertThat(Periods.previous("FY2022-23")).contains("FY2021-22");
        assertThat(Periods.previous("FY2000-01")).contains("FY1999-00");
        assertThat(Periods.previous("2022-01")).contains("2021-12");
        assertThat(Periods.previous("all")).isEmpty();
    }

    @Test
    @DisplayName("the previous quarter of Q2 to Q4 is the quarter before in the same year; of Q1 it is the previous year's Q4")
    void previousQuarter() {
        assertThat(Periods.previous("FY2022-23-Q4")).contains("FY2022-23-Q3");
        assertThat(Periods.previous("FY2022-23-Q3")).contains("FY2022-23-Q2");
        assertThat(Periods.previous("FY2022-23-Q2")).contains("FY2022-23-Q1");
        assertThat(Periods.previous("FY2022-23-Q1")).contains("FY2021-22-Q4");
        assertThat(Periods.previous("FY2000-01-Q1")).contains("FY1999-00-Q4");
        assertThat(Periods.previous("FY1999-00-Q1")).contains("FY1998-99-Q4");
    }

    @Test
    @DisplayName("malformed periods and the first period of each kind have no previous period")
    void noPrevious() {
        assertThat(Periods.previous("FY2022-23-Q5")).isEmpty();
        assertThat(Periods.previous("FY2022-24")).isEmpty();
        assertThat(Periods.previous(null)).isEmpty();
        assertThat(Periods.previous("FY0000-01")).isEmpty();
        assertThat(Periods.previous("FY0000-01-Q1")).isEmpty();
        assertThat(Periods.previous("0000-01")).isEmpty();
        assertThat(Periods.previous("FY0000-01-Q2")).contains("FY0000-01-Q1");
    }

    @Test
    @DisplayName("every previous period is itself valid and of the same kind")
    void previousIsValid() {
        for (String p : new String[] {"FY2022-23", "FY2022-23-Q1", "FY2022-23-Q3", "2022-01", "FY1999-00-Q1", "FY2099-00"}) {
            String prev = Periods.previous(p).orElseThrow();
            assertThat(Periods.isValid(prev)).as(p + " -> " + prev).isTrue();
            assertThat(prev.length()).as(p + " -> " + prev).isEqualTo(p.length());
        }
    }

    @Test
    void fiscalYearNamesAreZeroPaddedAsFormatWouldPadThem() {
        for (int year : new int[] {-12, -1, 0, 7, 99, 999, 1999, 2022, 9999, 10000}) {
            assertThat(Periods.fiscalYearStarting(year)).isEqualTo(String.format("FY%04d-%02d", year, (year + 1) % 100));
        }
    }

    @Test
    void theSameDayGivesTheSamePeriodsEveryTime() {
        Instant morning = Instant.parse("2023-03-31T18:29:59Z");
        assertThat(Periods.of(morning)).isEqualTo(Periods.of(Instant.parse("2023-03-31T00:00:00Z")))
                .containsExactly("all", "FY2022-23", "FY2022-23-Q4", "2023-03");
        assertThat(Periods.of(Instant.parse("2023-03-31T18:30:00Z"))).containsExactly("all", "FY2023-24", "FY2023-24-Q1", "2023-04");
    }
}

package org.odop.pulse.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reporting periods as official Indian trade statistics use them: the whole history ({@code all}),
 * fiscal years April to March ({@code FY2022-23}), fiscal quarters ({@code FY2022-23-Q1} is April to June
 * 2022, Q2 July to September, Q3 October to December, Q4 January to March 2023) and calendar months
 * ({@code 2022-07}), all in India Standard Time, so an event at 2022-03-31T20:00Z falls in April 2022,
 * FY2022-23 and FY2022-23-Q1.
 */
public final class Periods {
    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    public static final String ALL = "all";

    private static final Pattern FISCAL_YEAR = Pattern.compile("FY(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("FY(\\d{4})-(\\d{2})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

    private Periods() {}

    /** The periods an event at {@code at} counts in: all, its fiscal year, its fiscal quarter, its month. */
    public static List<String> of(Instant at) {
        LocalDate day = at.atZone(IST).toLocalDate();
        // Every event asks, and events come in runs of the same few days: the answers are kept per day (a few
        // thousand days at most in any real data set; past the bound they are computed, not kept).
        List<String> known = BY_DAY.get(day);
        if (known != null) return known;
        List<String> periods = List.of(ALL, fiscalYear(day), quarter(day), month(day));
        if (BY_DAY.size() < MAX_DAYS_KEPT) BY_DAY.put(day, periods);
        return periods;
    }

    private static final int MAX_DAYS_KEPT = 20_000;
    private static final java.util.concurrent.ConcurrentHashMap<LocalDate, List<String>> BY_DAY = new java.util.concurrent.ConcurrentHashMap<>();

    public static String fiscalYear(LocalDate istDay) {
        return fiscalYearStarting(fiscalYearStart(istDay));
    }

    public static String fiscalYearStarting(int startYear) {
        // As String.format("FY%04d-%02d", ...) would, without a Formatter per call (a profile found it in every event).
        return "FY" + padded(startYear, 4) + "-" + padded((startYear + 1) % 100, 2);
    }

    /** The fiscal quarter of an IST day: April to June is Q1, ..., January to March Q4 of the year before's FY. */
    public static String quarter(LocalDate istDay) {
        int quarter = (istDay.getMonthValue() + 8) % 12 / 3 + 1; // April -> 1, July -> 2, October -> 3, January -> 4
        return quarterOf(fiscalYearStart(istDay), quarter);
    }

    private static String quarterOf(int fiscalYearStart, int quarter) {
        return fiscalYearStarting(fiscalYearStart) + "-Q" + quarter;
    }

    private static String padded(int value, int width) {
        String digits = Integer.toString(value);
        if (value < 0) return String.format("%0" + width + "d", value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static int fiscalYearStart(LocalDate istDay) {
        return istDay.getMonthValue() >= 4 ? istDay.getYear() : istDay.getYear() - 1;
    }

    public static String month(LocalDate istDay) {
        return YearMonth.from(istDay).toString();
    }

    public static String currentFiscalYear(Instant now) {
        return fiscalYear(now.atZone(IST).toLocalDate());
    }

    public static String currentQuarter(Instant now) {
        return quarter(now.atZone(IST).toLocalDate());
    }

    public static String currentMonth(Instant now) {
        return month(now.atZone(IST).toLocalDate());
    }

    /**
     * True for {@code all}, a well-formed fiscal year whose two years follow each other, such a fiscal year
     * with a quarter Q1 to Q4, or a month.
     */
    public static boolean isValid(String period) {
        if (period == null) return false;
        if (ALL.equals(period)) return true;
        Matcher fy = FISCAL_YEAR.matcher(period);
        if (fy.matches()) return consecutive(fy);
        Matcher q = QUARTER.matcher(period);
        if (q.matches()) return consecutive(q);
        return MONTH.matcher(period).matches();
    }

    private static boolean consecutive(Matcher fiscalYear) {
        return Integer.parseInt(fiscalYear.group(2)) == (Integer.parseInt(fiscalYear.group(1)) + 1) % 100;
    }

    /**
     * The period of the same kind just before this one (previous fiscal year, quarter or month), used for
     * growth figures: the previous quarter of a Q1 is the previous fiscal year's Q4. Empty for {@code all},
     * for a malformed period, and for the first fiscal year, quarter or month there is (FY0000-01,
     * FY0000-01-Q1, 0000-01).
     */
    public static Optional<String> previous(String period) {
        if (!isValid(period) || ALL.equals(period)) return Optional.empty();
        Matcher fy = FISCAL_YEAR.matcher(period);
        if (fy.matches()) {
            int start = Integer.parseInt(fy.group(1));
            return start == 0 ? Optional.empty() : Optional.of(fiscalYearStarting(start - 1));
        }
        Matcher q = QUARTER.matcher(period);
        if (q.matches()) {
            int start = Integer.parseInt(q.group(1));
            int quarter = Integer.parseInt(q.group(3));
            if (quarter > 1) return Optional.of(quarterOf(start, quarter - 1));
            return start == 0 ? Optional.empty() : Optional.of(quarterOf(start - 1, 4));
        }
        YearMonth month = YearMonth.parse(period);
        return month.getYear() == 0 && month.getMonthValue() == 1 ? Optional.empty() : Optional.of(month.minusMonths(1).toString());
    }

    public static String describeValid() {
        return "'all', a fiscal year such as 'FY2022-23', a fiscal quarter such as 'FY2022-23-Q1' (Q1 April to June,"
                + " Q4 January to March), or a month such as '2022-07'";
    }
}

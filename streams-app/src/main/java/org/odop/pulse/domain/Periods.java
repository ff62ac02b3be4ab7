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
 * fiscal years April to March ({@code FY2022-23}) and calendar months ({@code 2022-07}), both in
 * India Standard Time, so an event at 2022-03-31T20:00Z falls in April 2022 and FY2022-23.
 */
public final class Periods {
    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    public static final String ALL = "all";

    private static final Pattern FISCAL_YEAR = Pattern.compile("FY(\\d{4})-(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

    private Periods() {}

    /** The periods an event at {@code at} counts in: all, its fiscal year, its month. */
    public static List<String> of(Instant at) {
        LocalDate day = at.atZone(IST).toLocalDate();
        return List.of(ALL, fiscalYear(day), month(day));
    }

    public static String fiscalYear(LocalDate istDay) {
        int start = istDay.getMonthValue() >= 4 ? istDay.getYear() : istDay.getYear() - 1;
        return fiscalYearStarting(start);
    }

    public static String fiscalYearStarting(int startYear) {
        return String.format("FY%04d-%02d", startYear, (startYear + 1) % 100);
    }

    public static String month(LocalDate istDay) {
        return YearMonth.from(istDay).toString();
    }

    public static String currentFiscalYear(Instant now) {
        return fiscalYear(now.atZone(IST).toLocalDate());
    }

    public static String currentMonth(Instant now) {
        return month(now.atZone(IST).toLocalDate());
    }

    /** True for {@code all}, a well-formed fiscal year whose two years follow each other, or a month. */
    public static boolean isValid(String period) {
        if (period == null) return false;
        if (ALL.equals(period)) return true;
        Matcher fy = FISCAL_YEAR.matcher(period);
        if (fy.matches()) {
            int start = Integer.parseInt(fy.group(1));
            return Integer.parseInt(fy.group(2)) == (start + 1) % 100;
        }
        return MONTH.matcher(period).matches();
    }

    /**
     * The period of the same kind just before this one (previous fiscal year or month), used for
     * growth figures; empty for {@code all}.
     */
    public static Optional<String> previous(String period) {
        if (!isValid(period) || ALL.equals(period)) return Optional.empty();
        Matcher fy = FISCAL_YEAR.matcher(period);
        if (fy.matches()) return Optional.of(fiscalYearStarting(Integer.parseInt(fy.group(1)) - 1));
        return Optional.of(YearMonth.parse(period).minusMonths(1).toString());
    }

    public static String describeValid() {
        return "'all', a fiscal year such as 'FY2022-23', or a month such as '2022-07'";
    }
}

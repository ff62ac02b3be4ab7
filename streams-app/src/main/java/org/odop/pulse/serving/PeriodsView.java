package org.odop.pulse.serving;

import java.util.List;

/**
 * GET /api/v1/periods: the periods an event counts in now, and every fiscal year from the first with data to the
 * current one, newest first (quarters and months follow from a fiscal year).
 */
public record PeriodsView(Current current, List<String> fiscalYears) {

    public record Current(String fiscalYear, String quarter, String month) {}
}

package org.odop.pulse.serving;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.odop.pulse.domain.MeasureValues;

/**
 * GET /api/v1/overview: the whole country for one period (the web app's Overview page): totals, the previous
 * period's totals for growth (null for {@code all}), and every state, product category and district of the
 * reference data, zeros included.
 */
public record OverviewView(String period, String previousPeriod, MeasureValues totals, MeasureValues previous,
                           List<StateRow> states, List<CategoryRow> categories, List<DistrictRow> districts) {

    public record StateRow(String stateCode, String stateName, @JsonUnwrapped MeasureValues measures) {}

    public record CategoryRow(String category, @JsonUnwrapped MeasureValues measures) {}

    public record DistrictRow(String districtCode, String districtName, String stateCode, String stateName,
                              Double latitude, Double longitude, @JsonUnwrapped MeasureValues measures) {}
}

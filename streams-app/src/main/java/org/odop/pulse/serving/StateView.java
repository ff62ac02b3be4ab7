package org.odop.pulse.serving;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** GET /api/v1/states/{code}: the state's measures for one period, summed over its districts, with the breakdown. */
public record StateView(
        String stateCode, String stateName, String period,
        @JsonUnwrapped MeasuresView totals, List<DistrictRow> districts) {

    public record DistrictRow(String districtCode, String districtName, @JsonUnwrapped MeasuresView measures) {}
}

package org.odop.pulse.serving;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.odop.pulse.domain.MeasureValues;
import java.util.List;

/** GET /api/v1/states/{code}: the state's measures for one period, summed over its districts, with the breakdown. */
public record StateView(
        String stateCode, String stateName, String period,
        @JsonUnwrapped MeasureValues totals, List<DistrictRow> districts) {

    public record DistrictRow(String districtCode, String districtName, @JsonUnwrapped MeasureValues measures) {}
}

package org.odop.pulse.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.odop.pulse.domain.MeasureValues;

/**
 * GET /api/v1/hs/{prefix}: LOIs and exports whose ITC(HS) code starts with the prefix, for one period (and
 * optionally one state), with the districts they came from, largest export value in rupees first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HsView(String hsPrefix, String chapterName, String period, String stateCode,
                     @JsonUnwrapped MeasureValues totals, List<DistrictRow> districts) {

    public record DistrictRow(String districtCode, String districtName, String stateCode,
                              @JsonUnwrapped MeasureValues measures) {}
}

package org.odop.pulse.serving;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.odop.pulse.domain.MeasureValues;
import java.util.List;

/** GET /api/v1/districts/{code}: a district's measures for one period, overall and per product. */
public record DistrictView(
        String districtCode, String districtName, String stateCode, String stateName, String period,
        @JsonUnwrapped MeasureValues totals, List<ProductRow> products) {

    public record ProductRow(String productCode, String productName, @JsonUnwrapped MeasureValues measures) {}
}

package org.odop.pulse.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.odop.pulse.domain.MeasureValues;

/**
 * Exports by destination country for one period: of a district, of a state, or of every district (optionally
 * of one state and one product). Ordered by export value in rupees, largest first, then by country.
 * Only the fields of the scope asked for are present.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DestinationsView(String districtCode, String districtName, String stateCode, String stateName,
                               String productCode, String period, List<Destination> destinations) {

    public record Destination(String country, @JsonUnwrapped MeasureValues measures) {}
}

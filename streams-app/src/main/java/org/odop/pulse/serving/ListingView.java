package org.odop.pulse.serving;

import java.util.List;

/** The listings of the reference data, so that users need not know codes in advance. */
public final class ListingView {
    private ListingView() {}

    /** GET /api/v1/states: every state with a district in the reference data, by state code. */
    public record States(List<State> states) {}

    public record State(String stateCode, String stateName, int districts) {}

    /** GET /api/v1/districts?state=S: the districts (of one state, or all), by district code. */
    public record Districts(List<District> districts) {}

    public record District(String districtCode, String districtName, String stateCode, String stateName,
                           Double latitude, Double longitude) {}

    /** GET /api/v1/products?district=D: the ODOP products (of one district, or all), by product code. */
    public record Products(List<Product> products) {}

    public record Product(String productCode, String productName, String category, String districtCode, String hsCode) {}
}

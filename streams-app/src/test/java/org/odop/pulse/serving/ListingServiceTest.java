package org.odop.pulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ProductCategory;

/** The listings from reference rows given as plain lists: no broker, no stores. */
class ListingServiceTest {
    /** Reference rows in no particular order, as a store's iterator may give them. */
    static final List<District> DISTRICTS = List.of(
            district("UP-VARANASI", "Varanasi", "UP", "Uttar Pradesh", 25.3176, 82.9739),
            district("JK-SRINAGAR", "Srinagar", "JK", "Jammu and Kashmir", 34.0837, 74.7973),
            district("ML-WEST-JAINTIA-HILLS", "West Jaintia Hills", "ML", "Meghalaya", null, null),
            district("JK-PULWAMA", "Pulwama", "JK", "Jammu and Kashmir", 33.8716, 74.8946),
            district("JK-ANANTNAG", "Anantnag", "JK", "Jammu & Kashmir", 33.7311, 75.1487),
            district("JK-JAMMU", "Jammu", "JK", "Jammu and Kashmir", 32.7266, 74.8570));
    static final List<Product> PRODUCTS = List.of(
            product("SAFFRON", "Saffron", ProductCategory.AGRICULTURE, "JK-PULWAMA", "09102010"),
            product("PASHMINA", "Pashmina shawls", ProductCategory.HANDLOOM, "JK-SRINAGAR", "62142010"),
            product("BANARASI-SILK", "Banarasi silk sarees", ProductCategory.HANDLOOM, "UP-VARANASI", null),
            product("LAKADONG-TURMERIC", "Lakadong turmeric", ProductCategory.AGRICULTURE, "ML-WEST-JAINTIA-HILLS", "0910"),
            product("PAPIER-MACHE", "Papier mache", ProductCategory.HANDICRAFT, "JK-SRINAGAR", "4823"));

    private final ListingService listings = new ListingService(() -> DISTRICTS, () -> PRODUCTS);

    static District district(String code, String name, String state, String stateName, Double lat, Double lon) {
        return District.newBuilder().setDistrictCode(code).setName(name).setStateCode(state).setStateName(stateName)
                .setLatitude(lat).setLongitude(lon).build();
    }

    static Product product(String code, String name, ProductCategory category, String district, String hs) {
        return Product.newBuilder().setProductCode(code).setName(name).setCategory(category).setDistrictCode(district)
                .setHsCode(hs).build();
    }

    @Test
    @DisplayName("states: each state once, by code, with its number of districts and the name its first district gives")
    void states() {
        assertThat(listings.states().states()).containsExactly(
                new ListingView.State("JK", "Jammu & Kashmir", 4), // JK-ANANTNAG comes first and spells it so
                new ListingView.State("ML", "Meghalaya", 1),
                new ListingView.State("UP", "Uttar Pradesh", 1));
    }

    @Test
    @DisplayName("districts: all of them by code, or one state's; latitude and longitude as given, null when absent")
    void districts() {
        assertThat(listings.districts(null).orElseThrow().districts()).extracting(ListingView.District::districtCode)
                .containsExactly("JK-ANANTNAG", "JK-JAMMU", "JK-PULWAMA", "JK-SRINAGAR", "ML-WEST-JAINTIA-HILLS", "UP-VARANASI");
        assertThat(listings.districts("JK").orElseThrow().districts()).extracting(ListingView.District::districtCode)
                .containsExactly("JK-ANANTNAG", "JK-JAMMU", "JK-PULWAMA", "JK-SRINAGAR");
        assertThat(listings.districts("JK").orElseThrow().districts().get(3))
                .isEqualTo(new ListingView.District("JK-SRINAGAR", "Srinagar", "JK", "Jammu and Kashmir", 34.0837, 74.7973));
        assertThat(listings.districts("ML").orElseThrow().districts()).containsExactly(
                new ListingView.District("ML-WEST-JAINTIA-HILLS", "West Jaintia Hills", "ML", "Meghalaya", null, null));
    }

    @Test
    @DisplayName("districts of a state no district is in: none (a 404), also for a lower-case code")
    void unknownState() {
        assertThat(listings.districts("AR")).isEmpty();
        assertThat(listings.districts("jk")).isEmpty();
    }

    @Test
    @DisplayName("products: all of them by code, or one district's, with category and HS code (null when absent)")
    void products() {
        assertThat(listings.products(null).orElseThrow().products()).extracting(ListingView.Product::productCode)
                .containsExactly("BANARASI-SILK", "LAKADONG-TURMERIC", "PAPIER-MACHE", "PASHMINA", "SAFFRON");
        assertThat(listings.products("JK-SRINAGAR").orElseThrow().products()).containsExactly(
                new ListingView.Product("PAPIER-MACHE", "Papier mache", "HANDICRAFT", "JK-SRINAGAR", "4823"),
                new ListingView.Product("PASHMINA", "Pashmina shawls", "HANDLOOM", "JK-SRINAGAR", "62142010"));
        assertThat(listings.products("UP-VARANASI").orElseThrow().products()).containsExactly(
                new ListingView.Product("BANARASI-SILK", "Banarasi silk sarees", "HANDLOOM", "UP-VARANASI", null));
    }

    @Test
    @DisplayName("products of a district the reference data lacks: none (a 404); of a known district without products: an empty list")
    void productsOfUnknownAndEmptyDistricts() {
        assertThat(listings.products("JK-NOWHERE")).isEmpty();
        assertThat(listings.products("JK-JAMMU").orElseThrow().products()).isEmpty();
    }

    @Test
    @DisplayName("listings read the reference data as it is now, at each call")
    void readsCurrentRows() {
        List<District> districts = new ArrayList<>(DISTRICTS.subList(0, 1));
        ListingService live = new ListingService(() -> districts, List::of);
        assertThat(live.states().states()).extracting(ListingView.State::stateCode).containsExactly("UP");
        assertThat(live.districts("JK")).isEmpty();
        districts.add(DISTRICTS.get(1));
        assertThat(live.states().states()).extracting(ListingView.State::stateCode).containsExactly("JK", "UP");
        assertThat(live.districts("JK").orElseThrow().districts()).hasSize(1);
    }
}

package org.odop.pulse.serving;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;

/**
 * Lists the reference data: states (with how many districts each has), districts and products. The rows come
 * from the given functions (in the application, the global reference stores, which every instance holds
 * whole), so a listing is the same on every instance and needs no other instance.
 */
public final class ListingService {
    private final Supplier<List<District>> districts;
    private final Supplier<List<Product>> products;

    public ListingService(Supplier<List<District>> districts, Supplier<List<Product>> products) {
        this.districts = districts;
        this.products = products;
    }

    /**
     * Every state some district is in, ordered by state code. A state's name is the one its first district
     * (by district code) gives, so it does not depend on the order the store returns them in.
     */
    public ListingView.States states() {
        Map<String, String> names = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (District d : sortedDistricts()) {
            names.putIfAbsent(d.getStateCode(), d.getStateName());
            counts.merge(d.getStateCode(), 1, Integer::sum);
        }
        return new ListingView.States(names.entrySet().stream()
                .map(e -> new ListingView.State(e.getKey(), e.getValue(), counts.get(e.getKey()))).toList());
    }

    /** The districts of a state ({@code null}: of every state), ordered by district code; empty for an unknown state. */
    public Optional<ListingView.Districts> districts(String stateCode) {
        List<ListingView.District> rows = sortedDistricts().stream()
                .filter(d -> stateCode == null || stateCode.equals(d.getStateCode()))
                .map(d -> new ListingView.District(d.getDistrictCode(), d.getName(), d.getStateCode(), d.getStateName(),
                        d.getLatitude(), d.getLongitude()))
                .toList();
        if (stateCode != null && rows.isEmpty()) return Optional.empty();
        return Optional.of(new ListingView.Districts(rows));
    }

    /**
     * The products of a district ({@code null}: every product), ordered by product code; empty when the
     * district is not in the reference data (a district without products lists none).
     */
    public Optional<ListingView.Products> products(String districtCode) {
        if (districtCode != null && districts.get().stream().noneMatch(d -> districtCode.equals(d.getDistrictCode()))) {
            return Optional.empty();
        }
        return Optional.of(new ListingView.Products(products.get().stream()
                .filter(p -> districtCode == null || districtCode.equals(p.getDistrictCode()))
                .sorted(Comparator.comparing(Product::getProductCode))
                .map(p -> new ListingView.Product(p.getProductCode(), p.getName(), p.getCategory().name(),
                        p.getDistrictCode(), p.getHsCode()))
                .toList()));
    }

    private List<District> sortedDistricts() {
        return districts.get().stream().sorted(Comparator.comparing(District::getDistrictCode)).toList();
    }
}

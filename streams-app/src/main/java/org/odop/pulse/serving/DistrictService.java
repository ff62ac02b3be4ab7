package org.odop.pulse.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.topology.common.MeasureKeys;
import org.odop.pulse.topology.loi.LoiTopology;

/** Builds district views from the reference data and the measure stores. */
public final class DistrictService {
    private final LocalStores stores;

    public DistrictService(LocalStores stores) {
        this.stores = stores;
    }

    /** Empty when the district is not in the reference data. */
    public Optional<DistrictView> district(String code, String period) {
        Optional<District> district = stores.district(code);
        if (district.isEmpty()) return Optional.empty();
        Map<String, Measures> rows = stores.measures(LoiTopology.STORE, code, period);
        List<DistrictView.ProductRow> products = new ArrayList<>();
        rows.forEach((product, m) -> {
            if (!MeasureKeys.TOTAL.equals(product)) {
                String name = stores.product(product).map(Product::getName).orElse(null);
                products.add(new DistrictView.ProductRow(product, name, MeasuresView.of(m)));
            }
        });
        Measures total = rows.get(MeasureKeys.TOTAL);
        District d = district.get();
        return Optional.of(new DistrictView(d.getDistrictCode(), d.getName(), d.getStateCode(), d.getStateName(),
                period, total == null ? MeasuresView.ZERO : MeasuresView.of(total), products));
    }
}

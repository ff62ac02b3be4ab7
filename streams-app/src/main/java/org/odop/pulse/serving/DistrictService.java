package org.odop.pulse.serving;

import org.odop.pulse.store.LocalStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;
import org.odop.pulse.domain.MeasureValues;
import org.odop.pulse.domain.MeasureKeys;

/** Builds district and state views from the reference data and the measure stores. */
public final class DistrictService {
    private final LocalStores stores;
    private final MeasuresSource source;

    public DistrictService(LocalStores stores, MeasuresSource source) {
        this.stores = stores;
        this.source = source;
    }

    /** Empty when the district is not in the reference data. */
    public Optional<DistrictView> district(String code, String period) {
        Optional<District> district = stores.district(code);
        if (district.isEmpty()) return Optional.empty();
        PeriodRows rows = source.district(code, period);
        District d = district.get();
        return Optional.of(new DistrictView(d.getDistrictCode(), d.getName(), d.getStateCode(), d.getStateName(),
                period, rows.total(code), productRows(rows.byDistrict().getOrDefault(code, Map.of()))));
    }

    /** Empty when no district of the reference data is in that state. */
    public Optional<StateView> state(String stateCode, String period) {
        List<District> districts = stores.districts().stream()
                .filter(d -> d.getStateCode().equals(stateCode)).toList();
        if (districts.isEmpty()) return Optional.empty();
        PeriodRows rows = source.period(period);
        List<StateView.DistrictRow> breakdown = new ArrayList<>();
        MeasureValues sum = MeasureValues.ZERO;
        for (District d : districts) {
            MeasureValues total = rows.total(d.getDistrictCode());
            sum = sum.plus(total);
            breakdown.add(new StateView.DistrictRow(d.getDistrictCode(), d.getName(), total));
        }
        return Optional.of(new StateView(stateCode, districts.get(0).getStateName(), period,
                sum, breakdown));
    }

    private List<DistrictView.ProductRow> productRows(Map<String, MeasureValues> rows) {
        List<DistrictView.ProductRow> products = new ArrayList<>();
        rows.forEach((product, m) -> {
            if (!MeasureKeys.TOTAL.equals(product)) {
                String name = stores.product(product).map(Product::getName).orElse(null);
                products.add(new DistrictView.ProductRow(product, name, m));
            }
        });
        return products;
    }
}

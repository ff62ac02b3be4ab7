package org.odop.pulse.topology.loi;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.topology.common.HsCode;
import org.odop.pulse.topology.common.MeasureRows;
import org.odop.pulse.topology.common.MeasureUpdater;
import org.odop.pulse.topology.reference.ReferenceDataTopology;

/**
 * Adds each LOI to its district's and its district-and-product's totals, and to its HS code's row (its own
 * code, else its product's), for every period it falls in. Updating local stores keyed by district needs no
 * repartition: the topic is keyed by district.
 */
final class LoiAggregator implements Processor<String, LoiSigned, Void, Void> {
    private KeyValueStore<String, Measures> store;
    private KeyValueStore<String, Measures> hsRows;
    private KeyValueStore<String, ValueAndTimestamp<Product>> products;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(LoiTopology.STORE);
        hsRows = context.getStateStore(LoiTopology.HS_STORE);
        products = context.getStateStore(ReferenceDataTopology.PRODUCTS_STORE);
    }

    @Override
    public void process(Record<String, LoiSigned> record) {
        LoiSigned loi = record.value();
        List<MeasureUpdater.Row> rows = new ArrayList<>(MeasureUpdater.productRows(store, loi.getDistrictCode(), loi.getProductCode()));
        String hs = HsCode.of(loi.getHsCode(), loi.getProductCode(), products);
        if (hs != null) rows.add(new MeasureUpdater.Row(hsRows, loi.getDistrictCode(), hs));
        MeasureUpdater.apply(rows, loi.getSignedAt(), m -> {
            MeasureRows.add(m, MeasureCatalog.LOI_COUNT, 1);
            MeasureRows.add(m, MeasureCatalog.LOI_VALUE, loi.getValuePaise());
        });
    }
}

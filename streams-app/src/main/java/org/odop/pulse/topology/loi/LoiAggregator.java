package org.odop.pulse.topology.loi;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.topology.common.MeasureRows;
import org.odop.pulse.topology.common.MeasureUpdater;

/**
 * Adds each LOI to its district's and its district-and-product's totals for every period it falls in.
 * Updating a local store keyed by district needs no repartition: the topic is keyed by district.
 */
final class LoiAggregator implements Processor<String, LoiSigned, Void, Void> {
    private final String storeName;
    private KeyValueStore<String, Measures> store;

    LoiAggregator(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, LoiSigned> record) {
        LoiSigned loi = record.value();
        MeasureUpdater.apply(store, loi.getDistrictCode(), loi.getProductCode(), loi.getSignedAt(), m -> {
            MeasureRows.add(m, MeasureCatalog.LOI_COUNT, 1);
            MeasureRows.add(m, MeasureCatalog.LOI_VALUE, loi.getValuePaise());
        });
    }
}

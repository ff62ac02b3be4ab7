package org.odop.pulse.topology.loi;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.topology.common.MeasureKeys;
import org.odop.pulse.topology.common.Periods;

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
        for (String period : Periods.of(loi.getSignedAt())) {
            add(MeasureKeys.total(loi.getDistrictCode(), period), loi.getValuePaise());
            add(MeasureKeys.of(loi.getDistrictCode(), period, loi.getProductCode()), loi.getValuePaise());
        }
    }

    private void add(String key, long valuePaise) {
        Measures m = store.get(key);
        if (m == null) m = new Measures();
        m.setLoiCount(m.getLoiCount() + 1);
        m.setLoiValuePaise(Math.addExact(m.getLoiValuePaise(), valuePaise));
        store.put(key, m);
    }
}

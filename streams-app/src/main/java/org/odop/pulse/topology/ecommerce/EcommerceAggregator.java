package org.odop.pulse.topology.ecommerce;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.OrderStatus;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.topology.common.MeasureRows;
import org.odop.pulse.topology.common.MeasureUpdater;

/**
 * A placed order adds one order and its amount in the period of its own time; a cancellation or return
 * subtracts them in the period of its own time, so a month already reported is not rewritten by a
 * return that happened later.
 */
final class EcommerceAggregator implements Processor<String, EcommerceOrder, Void, Void> {
    private KeyValueStore<String, Measures> measures;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        measures = context.getStateStore(EcommerceTopology.STORE);
    }

    @Override
    public void process(Record<String, EcommerceOrder> record) {
        EcommerceOrder o = record.value();
        int sign = o.getStatus() == OrderStatus.PLACED ? 1 : -1;
        MeasureUpdater.apply(measures, o.getDistrictCode(), o.getProductCode(), o.getOccurredAt(), m -> {
            MeasureRows.add(m, MeasureCatalog.ECOMMERCE_ORDERS, sign);
            MeasureRows.add(m, MeasureCatalog.ECOMMERCE_GMV, Math.multiplyExact(sign, o.getAmountPaise()));
        });
    }
}

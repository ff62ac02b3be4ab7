package org.odop.pulse.topology.loi;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.topology.common.MeasureRows;
import org.odop.pulse.topology.common.MeasureUpdater;

/**
 * Adds each LOI version counted to its district's and its district-and-product's totals, and to its HS code's
 * row, for every period it falls in; a retracted version (replaced by a correction) is subtracted from the same
 * rows. Updating local stores keyed by district needs no repartition: the changes arrive keyed by district.
 */
final class LoiAggregator implements Processor<String, LoiRecord, Void, Void> {
    private KeyValueStore<String, Measures> store;
    private KeyValueStore<String, Measures> hsRows;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(LoiTopology.STORE);
        hsRows = context.getStateStore(LoiTopology.HS_STORE);
    }

    @Override
    public void process(Record<String, LoiRecord> record) {
        LoiRecord loi = record.value();
        long sign = loi.getRetract() ? -1 : 1;
        List<MeasureUpdater.Row> rows = new ArrayList<>(MeasureUpdater.productRows(store, loi.getDistrictCode(), loi.getProductCode()));
        if (loi.getHsCode() != null) rows.add(new MeasureUpdater.Row(hsRows, loi.getDistrictCode(), loi.getHsCode()));
        MeasureUpdater.apply(rows, loi.getSignedAt(), m -> {
            MeasureRows.add(m, MeasureCatalog.LOI_COUNT, sign);
            MeasureRows.add(m, MeasureCatalog.LOI_VALUE, Math.multiplyExact(sign, loi.getValuePaise()));
        });
    }
}

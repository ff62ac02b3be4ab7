package org.odop.pulse.topology.shipment;

import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.topology.common.MeasureRows;
import org.odop.pulse.topology.common.MeasureUpdater;

/**
 * Counts a shipment as exported once: at the first event the pipeline sees at customs clearance or a
 * later stage (official statistics count the "let export order"), in that event's period and with its
 * value. Stages can arrive out of order, so whichever of those events comes first decides; the
 * shipment id is remembered so that no later event counts it again.
 */
final class ExportAggregator implements Processor<String, ShipmentEvent, Void, Void> {
    static final Set<ShipmentStatus> EXPORTED =
            EnumSet.of(ShipmentStatus.CUSTOMS_CLEARED, ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED);

    private KeyValueStore<String, Measures> measures;
    private KeyValueStore<String, Long> exported;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        measures = context.getStateStore(ShipmentTopology.MEASURES_STORE);
        exported = context.getStateStore(ShipmentTopology.EXPORTED_STORE);
    }

    @Override
    public void process(Record<String, ShipmentEvent> record) {
        ShipmentEvent s = record.value();
        if (!EXPORTED.contains(s.getStatus()) || exported.get(s.getShipmentId()) != null) return;
        long linked = s.getLoiId() == null || s.getLoiId().isBlank() ? 0 : s.getValuePaise();
        MeasureUpdater.apply(measures, s.getDistrictCode(), s.getProductCode(), s.getOccurredAt(), m -> {
            MeasureRows.add(m, MeasureCatalog.EXPORT_SHIPMENTS, 1);
            MeasureRows.add(m, MeasureCatalog.EXPORT_VALUE, s.getValuePaise());
            MeasureRows.add(m, MeasureCatalog.LOI_LINKED_EXPORT_VALUE, linked);
        });
        // Only once counted: a shipment refused because a total would overflow is not marked exported.
        exported.put(s.getShipmentId(), s.getOccurredAt().toEpochMilli());
    }
}

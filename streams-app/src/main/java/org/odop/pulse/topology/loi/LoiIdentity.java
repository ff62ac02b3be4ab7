package org.odop.pulse.topology.loi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.internal.LoiCorrection;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.topology.common.HsCode;
import org.odop.pulse.topology.reference.ReferenceDataTopology;

/**
 * An LOI is one LOI, forever: keyed by {@code loiId} (the LOIs arrive repartitioned by it), the version counted is
 * kept for good (LOIs are few: thousands a year). Another event with the same content never counts again,
 * whenever it arrives; one with different content is a correction: the version counted is taken out of every
 * view (a {@code retract} record naming its district) and the new one counted (a record naming its own district,
 * which may be another), with the versions it replaced. Records leave keyed by {@code loiId}, on the task that
 * keeps the LOI: the meet stage follows them up here, and the views are fed by district.
 * <p>
 * The HS code is resolved here, once (the event's own, else its product's now), so taking a version out
 * subtracts from exactly the rows that counting it added to.
 */
final class LoiIdentity implements Processor<String, LoiSigned, String, LoiRecord> {
    private final Runnable onCorrection;
    private ProcessorContext<String, LoiRecord> context;
    private KeyValueStore<String, LoiRecord> versions;
    private KeyValueStore<String, ValueAndTimestamp<Product>> products;

    LoiIdentity(Runnable onCorrection) {
        this.onCorrection = onCorrection;
    }

    @Override
    public void init(ProcessorContext<String, LoiRecord> context) {
        this.context = context;
        versions = context.getStateStore(LoiTopology.VERSIONS_STORE);
        products = context.getStateStore(ReferenceDataTopology.PRODUCTS_STORE);
    }

    @Override
    public void process(Record<String, LoiSigned> record) {
        LoiSigned loi = record.value();
        String hs = HsCode.of(loi.getHsCode(), loi.getProductCode(), products);
        LoiRecord counted = versions.get(loi.getLoiId());
        if (counted != null && sameContent(counted, loi, hs)) return;
        List<LoiCorrection> corrections = new ArrayList<>();
        if (counted != null) {
            corrections.addAll(counted.getCorrections());
            corrections.add(LoiCorrection.newBuilder().setCorrectedAt(java.time.Instant.ofEpochMilli(context.currentSystemTimeMs()))
                    .setPreviousValuePaise(counted.getValuePaise()).setPreviousProductCode(counted.getProductCode())
                    .setPreviousDistrictCode(counted.getDistrictCode()).setPreviousSignedAt(counted.getSignedAt()).build());
        }
        LoiRecord next = LoiRecord.newBuilder().setLoiId(loi.getLoiId()).setMeetId(loi.getMeetId())
                .setDistrictCode(loi.getDistrictCode()).setProductCode(loi.getProductCode()).setBuyer(loi.getBuyer())
                .setSeller(loi.getSeller()).setValuePaise(loi.getValuePaise()).setSignedAt(loi.getSignedAt())
                .setHsCode(hs).setRetract(false).setCorrections(corrections).build();
        versions.put(loi.getLoiId(), next);
        if (counted != null) {
            onCorrection.run();
            LoiRecord out = LoiRecord.newBuilder(counted).setRetract(true).build();
            context.forward(record.withKey(loi.getLoiId()).withValue(out));
        }
        context.forward(record.withKey(loi.getLoiId()).withValue(next));
    }

    private static boolean sameContent(LoiRecord counted, LoiSigned loi, String hs) {
        return counted.getMeetId().equals(loi.getMeetId()) && counted.getDistrictCode().equals(loi.getDistrictCode())
                && counted.getProductCode().equals(loi.getProductCode()) && counted.getBuyer().equals(loi.getBuyer())
                && counted.getSeller().equals(loi.getSeller()) && counted.getValuePaise() == loi.getValuePaise()
                && counted.getSignedAt().equals(loi.getSignedAt()) && Objects.equals(counted.getHsCode(), hs);
    }
}

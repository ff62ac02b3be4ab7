package org.odop.pulse.topology.loi;

import org.odop.pulse.domain.MeasureCatalog;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.topology.common.EventChecks;
import org.odop.pulse.topology.common.EventFamily;
import org.odop.pulse.topology.common.EventPipeline;
import org.odop.pulse.topology.common.EventTopology;
import org.odop.pulse.topology.common.MeasureStores;
import org.odop.pulse.topology.common.Violation;

/** Letters of intent: count and value per district, and per district and product, for every period. */
public final class LoiTopology extends EventTopology<LoiSigned> {
    /** The family name: prefix of its processor and store names. */
    public static final String FAMILY = MeasureCatalog.LOI;
    public static final String STORE = "loi-measures";
    /** LOIs by ITC(HS) code: rows {@code period|district|hsCode}. */
    public static final String HS_STORE = "loi-hs";


    public LoiTopology(Deserializer<LoiSigned> deserializer, Serde<Measures> measuresSerde,
                       EventPipeline.Settings pipeline) {
        super(new EventFamily<>(FAMILY, Topics.LOIS.name(), deserializer, LoiTopology::check,
                LoiSigned::getEventId, LoiSigned::getDistrictCode, LoiSigned::getProductCode, "signedAt", LoiSigned::getSignedAt),
                measuresSerde, pipeline);
    }

    @Override
    public void build(StreamsBuilder builder) {
        builder.addStateStore(MeasureStores.builder(STORE, measuresSerde));
        builder.addStateStore(MeasureStores.builder(HS_STORE, measuresSerde));
        validEvents(builder).process(LoiAggregator::new, Named.as("loi-aggregate"), STORE, HS_STORE);
    }

    static Optional<Violation> check(String key, LoiSigned loi) {
        return EventChecks.first(
                () -> EventChecks.required("eventId", loi.getEventId()),
                () -> EventChecks.required("loiId", loi.getLoiId()),
                () -> EventChecks.codesAndKey(key, loi.getDistrictCode(), loi.getProductCode()),
                () -> EventChecks.value("valuePaise", loi.getValuePaise()),
                () -> EventChecks.hsCode(loi.getHsCode()));
    }
}

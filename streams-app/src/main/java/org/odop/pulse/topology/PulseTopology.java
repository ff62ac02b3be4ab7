package org.odop.pulse.topology;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import java.util.function.Consumer;
import org.odop.pulse.avro.ShipmentAlertType;
import org.odop.pulse.avro.internal.HeldEvent;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.EventLimits;
import org.odop.pulse.topology.common.HoldPolicy;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.topology.common.EventPipeline;
import org.odop.pulse.topology.shipment.StallLimits;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.topology.ecommerce.EcommerceTopology;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.meet.FollowUp;
import org.odop.pulse.topology.meet.MeetTopology;
import org.odop.pulse.topology.reference.ReferenceDataTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;

/** The whole application's topology: reference data, one topology per event family, and the meet follow-up. */
public final class PulseTopology {
    private PulseTopology() {}

    /**
     * What the topologies need beyond serdes: settings and where they report.
     *
     * @param loiIdPartitions partitions of the two topics repartitioned by loiId (LOIs, and the exports naming an LOI),
     *                        which one task reads together, and of the LOI changes repartitioned back by district: so
     *                        the LOI stores have that many partitions. 0 lets Kafka Streams take each from its
     *                        sources, right only while the LOI and shipment topics have as many partitions as each other
     */
    public record Settings(Duration dedupRetention, StallLimits stallLimits, Duration stallCheckEvery,
                           DeadLetterCounter deadLetters, Consumer<ShipmentAlertType> alertCounter,
                           EventLimits eventLimits, HoldPolicy hold, FollowUp followUp, int loiIdPartitions) {
        public static Settings defaults(DeadLetterCounter deadLetters) {
            return new Settings(EventPipeline.DEFAULT_DEDUP_RETENTION, StallLimits.defaults(), StallLimits.DEFAULT_CHECK_EVERY,
                    deadLetters, type -> {}, EventLimits.DEFAULT, HoldPolicy.DEFAULT, FollowUp.DEFAULT, 0);
        }
    }

    /**
     * The repartition topics that {@link Settings#loiIdPartitions()} sizes, as Kafka Streams names them for an
     * application id: the LOIs and the exports naming an LOI by loiId, and the LOI changes back by district.
     */
    public static List<String> loiIdRepartitionTopics(String applicationId) {
        return java.util.stream.Stream.of(LoiTopology.BY_ID, MeetTopology.EXPORTS_BY_LOI, LoiTopology.CHANGES_BY_DISTRICT)
                .map(name -> applicationId + "-" + name + "-repartition").toList();
    }

    public static Topology build(PulseSerdes serdes, Settings settings) {
        var pipeline = new EventPipeline.Settings(settings.deadLetters(), settings.dedupRetention(),
                settings.eventLimits(), settings.hold(), serdes.value(HeldEvent.class));
        StreamsBuilder builder = new StreamsBuilder();
        var measures = serdes.value(Measures.class);
        new ReferenceDataTopology(serdes.value(Topics.DISTRICTS), serdes.value(Topics.PRODUCTS),
                serdes.value(Topics.FX_RATES)).build(builder);
        var loiRecords = serdes.value(LoiRecord.class);
        var loiChanges = new LoiTopology(serdes.value(Topics.LOIS), measures, loiRecords, pipeline,
                settings.followUp().onCorrection(), settings.loiIdPartitions()).build(builder);
        var loiExports = new ShipmentTopology(serdes.value(Topics.SHIPMENTS).deserializer(), measures, pipeline,
                serdes.value(OpenShipment.class), serdes.value(Topics.SHIPMENT_ALERTS), settings.stallLimits(),
                settings.stallCheckEvery(), settings.alertCounter()).build(builder);
        new MeetTopology(loiRecords, serdes.value(Topics.SHIPMENTS), serdes.value(Topics.LOI_ALERTS), settings.followUp(),
                settings.loiIdPartitions()).build(builder, loiChanges, loiExports);
        new EcommerceTopology(serdes.value(Topics.ORDERS).deserializer(), measures, pipeline)
                .build(builder);
        return builder.build();
    }
}

package org.odop.pulse.cli;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetterReplayer;
import org.odop.pulse.runtime.StreamsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay-dlq", mixinStandardHelpOptions = true,
        description = {"Sends parked event records back through the pipeline, e.g. after fixing reference data.",
                "By default those parked as UNKNOWN_DISTRICT or UNKNOWN_PRODUCT. Repeated eventIds are dropped by",
                "the pipeline, so replaying twice still counts each event once."})
final class ReplayDlqCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--reason", description = "Only records parked with this reason (UNKNOWN_DISTRICT, UNKNOWN_PRODUCT, ...).")
    String reason;

    @Override
    public Integer call() {
        Set<DeadLetterReason> reasons;
        try {
            reasons = reason == null ? DeadLetterReplayer.REPLAYABLE_BY_DEFAULT
                    : EnumSet.of(DeadLetterReason.valueOf(reason.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            System.err.println("Unknown --reason '" + reason + "': use one of " + EnumSet.allOf(DeadLetterReason.class));
            return 2;
        }
        Properties c = cluster.readThroughConsumer();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(c);
             var producer = new KafkaProducer<byte[], byte[]>(StreamsSettings.producer(cluster.bootstrapServers))) {
            var summary = DeadLetterReplayer.replay(consumer, producer, reasons);
            System.out.printf("Read %d dead-letter records; replayed %d (%s):%n", summary.read(),
                    summary.replayedTotal(), reasons);
            summary.replayed().forEach((k, n) -> System.out.printf("  %8d  %s%n", n, k));
        }
        return 0;
    }
}

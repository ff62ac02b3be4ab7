package org.odop.pulse.cli;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetterReplayer;
import org.odop.pulse.deadletter.ReferenceCodes;
import org.odop.pulse.deadletter.ReplayLedger;
import org.odop.pulse.runtime.TopicCreator;
import org.odop.pulse.config.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay-dlq", mixinStandardHelpOptions = true,
        description = {"Sends parked event records back through the pipeline, e.g. after fixing reference data.",
                "By default those parked as UNKNOWN_DISTRICT or UNKNOWN_PRODUCT, and of those only the ones whose",
                "district and product the reference data now holds; the others stay parked and are reported as waiting.",
                "Each dead letter is replayed at most once, however often this runs: what was replayed is recorded",
                "on " + Topics.DLQ_REPLAYED + " in the same transaction as the replayed record."})
final class ReplayDlqCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--reason", description = "Only records parked with this reason (UNKNOWN_DISTRICT, UNKNOWN_PRODUCT, ...).")
    String reason;

    @Override
    public Integer call() throws Exception {
        return cluster.refusalExplained(this::replay);
    }

    private int replay() throws Exception {
        Set<DeadLetterReason> reasons;
        try {
            reasons = reason == null ? DeadLetterReplayer.REPLAYABLE_BY_DEFAULT
                    : EnumSet.of(DeadLetterReason.valueOf(reason.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            System.err.println("Unknown --reason '" + reason + "': use one of " + EnumSet.allOf(DeadLetterReason.class));
            return 2;
        }
        String dlqTopicId;
        try (Admin admin = Admin.create(cluster.admin())) {
            // The ledger as the application creates it (compacted), also on a cluster set up by an older version.
            List<TopicSpec> ledger = Topics.definitions(1, TopicSpec.BROKER_DEFAULT).stream()
                    .filter(t -> t.name().equals(Topics.DLQ_REPLAYED)).toList();
            TopicCreator.ensureTopics(admin, ledger);
            dlqTopicId = admin.describeTopics(List.of(Topics.DEAD_LETTER)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.DEAD_LETTER).topicId().toString();
        }
        Properties c = cluster.readThroughConsumer(); // read_committed
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        Properties p = cluster.producer();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, DeadLetterReplayer.TRANSACTIONAL_ID);
        PulseSerdes serdes = new PulseSerdes(cluster.registry());
        DeadLetterReplayer.Summary summary;
        try (var consumer = new KafkaConsumer<byte[], byte[]>(c); var producer = new KafkaProducer<byte[], byte[]>(p)) {
            summary = DeadLetterReplayer.replay(producer, () -> ReplayLedger.read(consumer, dlqTopicId),
                    () -> ReferenceCodes.read(consumer, serdes.value(Topics.DISTRICTS).deserializer(),
                            serdes.value(Topics.PRODUCTS).deserializer()),
                    consumer, DeadLetterReplayer.avroDecoder(serdes), reasons, Clock.systemUTC());
        } catch (DeadLetterReplayer.ReplayException e) {
            print(e.committed(), reasons);
            System.err.println("replay-dlq stopped before the end: " + e.getMessage()
                    + ". What is counted above as replayed now is committed; run replay-dlq again for the rest.");
            return 1;
        }
        print(summary, reasons);
        return 0;
    }

    private static void print(DeadLetterReplayer.Summary summary, Set<DeadLetterReason> reasons) {
        var total = summary.total();
        System.out.printf("Read %d dead-letter records; of those parked as %s: replayed %d now, %d already replayed before,"
                        + " %d still waiting%s.%n", summary.read(), new TreeSet<>(reasons), total.replayed(),
                total.alreadyReplayed(), total.waiting(),
                total.unreadable() == 0 ? "" : ", " + total.unreadable() + " unreadable (left parked)");
        if (!summary.byTopic().isEmpty()) {
            System.out.printf("  %8s  %8s  %8s  %s%n", "replayed", "already", "waiting", "topic and reason");
            summary.byTopic().forEach((k, t) -> System.out.printf("  %8d  %8d  %8d  %s%s%n", t.replayed(),
                    t.alreadyReplayed(), t.waiting(), k, t.unreadable() == 0 ? "" : "  (" + t.unreadable() + " unreadable)"));
        }
        if (!summary.waitingFor().isEmpty()) {
            System.out.println("Still waiting for reference data (add these, then run replay-dlq again):");
            summary.waitingFor().forEach((code, n) -> System.out.printf("  %8d  %s%n", n, code));
        }
    }
}

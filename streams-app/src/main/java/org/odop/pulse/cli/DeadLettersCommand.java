package org.odop.pulse.cli;

import java.time.Instant;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterTopicReader;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.deadletter.PrintableText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "Reports the records parked on the dead-letter topic: counts by source and reason, and the latest ones.")
final class DeadLettersCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--reason", description = "Only records with this reason, e.g. INVALID_FIELD or UNKNOWN_DISTRICT.")
    String reason;

    @Option(names = "--show", defaultValue = "20", description = "How many of the latest records to print (default ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() throws Exception {
        return cluster.refusalExplained(this::report);
    }

    private int report() {
        Properties p = cluster.readThroughConsumer();
        java.util.Map<String, Integer> counts = new TreeMap<>();
        java.util.ArrayDeque<String> latest = new java.util.ArrayDeque<>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(p)) {
            DeadLetterTopicReader.forEach(consumer, r -> {
                String why = DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON);
                if (reason != null && !reason.equalsIgnoreCase(why)) return;
                String source = DeadLetters.get(r.headers(), DeadLetters.HEADER_SOURCE);
                counts.merge(PrintableText.escape(source) + "  " + PrintableText.escape(why), 1, Integer::sum);
                latest.add(describe(r, source, why));
                if (latest.size() > show) latest.removeFirst();
            });
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("%d dead-letter records on %s%s%n", total, Topics.DEAD_LETTER,
                reason == null ? "" : " with reason " + PrintableText.escape(reason.toUpperCase(java.util.Locale.ROOT)));
        counts.forEach((k, n) -> System.out.printf("  %8d  %s%n", n, k));
        if (!latest.isEmpty()) System.out.println("Latest:");
        latest.forEach(s -> System.out.println("  " + s));
        return 0;
    }

    /** One dead letter for the terminal: every header text escaped, as details quote what users sent. */
    static String describe(ConsumerRecord<byte[], byte[]> r, String source, String why) {
        String line = DeadLetters.get(r.headers(), DeadLetters.HEADER_LINE);
        String detail = DeadLetters.get(r.headers(), DeadLetters.HEADER_DETAIL);
        return String.format("%s %s%s %s: %s", Instant.ofEpochMilli(r.timestamp()), PrintableText.escape(source),
                line == null ? "" : " line " + PrintableText.escape(line), PrintableText.escape(why),
                PrintableText.escape(detail));
    }
}

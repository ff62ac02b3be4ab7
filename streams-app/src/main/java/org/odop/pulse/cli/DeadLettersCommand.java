package org.odop.pulse.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetters;
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
    public Integer call() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> counts = new TreeMap<>();
        List<String> latest = new ArrayList<>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTER, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    String why = DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON);
                    if (reason != null && !reason.equalsIgnoreCase(why)) continue;
                    String source = DeadLetters.get(r.headers(), DeadLetters.HEADER_SOURCE);
                    counts.merge(source + "  " + why, 1, Integer::sum);
                    latest.add(describe(r, source, why));
                    if (latest.size() > show) latest.remove(0);
                }
            }
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("%d dead-letter records on %s%s%n", total, Topics.DEAD_LETTER,
                reason == null ? "" : " with reason " + reason.toUpperCase());
        counts.forEach((k, n) -> System.out.printf("  %8d  %s%n", n, k));
        if (!latest.isEmpty()) System.out.println("Latest:");
        latest.forEach(s -> System.out.println("  " + s));
        return 0;
    }

    private static String describe(ConsumerRecord<byte[], byte[]> r, String source, String why) {
        String line = DeadLetters.get(r.headers(), DeadLetters.HEADER_LINE);
        String detail = DeadLetters.get(r.headers(), DeadLetters.HEADER_DETAIL);
        return String.format("%s %s%s %s: %s", Instant.ofEpochMilli(r.timestamp()), source,
                line == null ? "" : " line " + line, why, detail);
    }
}

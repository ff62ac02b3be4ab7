package org.odop.pulse.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Offsets of the event topics and of a consumer group, through the Admin API. */
final class Offsets {
    private static final long TIMEOUT_S = 30;

    private Offsets() {}

    static Map<TopicPartition, Long> end(Admin admin, Collection<String> topics) {
        return list(admin, topics, OffsetSpec.latest());
    }

    static Map<TopicPartition, Long> beginning(Admin admin, Collection<String> topics) {
        return list(admin, topics, OffsetSpec.earliest());
    }

    private static Map<TopicPartition, Long> list(Admin admin, Collection<String> topics, OffsetSpec spec) {
        try {
            var partitions = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> spec));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(partitions).all().get(TIMEOUT_S, TimeUnit.SECONDS)
                    .forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the offsets of " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The group's committed offsets (partitions it has not committed are absent). */
    static Map<TopicPartition, Long> committed(Admin admin, String groupId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            committed.forEach((tp, om) -> {
                if (om != null) offsets.put(tp, om.offset());
            });
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the committed offsets of " + groupId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** How far {@code committed} has got towards {@code end}, in records, counted from {@code beginning}. */
    static long done(Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
        long n = 0;
        for (var e : end.entrySet()) {
            long start = beginning.getOrDefault(e.getKey(), 0L);
            long at = Math.min(e.getValue(), committed.getOrDefault(e.getKey(), start));
            n += Math.max(0, at - start);
        }
        return n;
    }
}

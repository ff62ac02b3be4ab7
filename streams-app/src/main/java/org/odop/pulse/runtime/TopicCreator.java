package org.odop.pulse.runtime;

import org.odop.pulse.config.TopicSpec;

import java.time.Duration;
import org.odop.pulse.runtime.embedded.EmbeddedKafkaException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Idempotently creates topics through the Admin API. */
public final class TopicCreator {

    /** Default bound for {@link #ensureTopics(Admin, Collection)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {
    }

    /** {@link #ensureTopics(Admin, Collection, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static Map<String, Integer> ensureTopics(Admin admin, Collection<TopicSpec> specs) {
        return ensureTopics(admin, specs, DEFAULT_TIMEOUT);
    }

    /**
     * Creates the topics that do not exist yet and tolerates the ones that do (their partition count and
     * configs are left alone; a mismatch is only logged). Returns once every topic exists and each of its
     * partitions has a leader, so that producers can write right away.
     *
     * @return each topic's partition count as the cluster has it (an existing topic's may differ from its spec)
     * @throws EmbeddedKafkaException if a topic cannot be created or does not become ready within {@code timeout}
     */
    public static Map<String, Integer> ensureTopics(Admin admin, Collection<TopicSpec> specs, Duration timeout) {
        if (specs.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        for (TopicSpec spec : specs) {
            TopicSpec previous = byName.putIfAbsent(spec.name(), spec);
            if (previous != null && !previous.equals(spec)) {
                throw new IllegalArgumentException("conflicting specs for topic " + spec.name() + ": " + previous + " vs " + spec);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicSpec> existing = new java.util.ArrayList<>();

        List<org.apache.kafka.clients.admin.NewTopic> requests = byName.values().stream().map(TopicSpec::toNewTopic).toList();
        Map<String, KafkaFuture<Void>> results = admin
                .createTopics(requests, new CreateTopicsOptions().timeoutMs(remainingMs(deadline)))
                .values();
        for (Map.Entry<String, KafkaFuture<Void>> e : results.entrySet()) {
            try {
                e.getValue().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
                LOG.info("Created topic {}", byName.get(e.getKey()));
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof TopicExistsException) {
                    LOG.debug("Topic {} already exists", e.getKey());
                    existing.add(byName.get(e.getKey()));
                } else {
                    throw new EmbeddedKafkaException("Could not create topic " + e.getKey() + ": " + ex.getCause(), ex.getCause());
                }
            } catch (TimeoutException ex) {
                throw new EmbeddedKafkaException("Timed out after " + timeout + " creating topic " + e.getKey(), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new EmbeddedKafkaException("Interrupted while creating topic " + e.getKey(), ex);
            }
        }
        Map<String, Integer> partitions = awaitLeaders(admin, byName, deadline, timeout);
        alignConfigs(admin, existing, deadline);
        return partitions;
    }

    /**
     * Sets the spec's topic-level configs on topics that already existed (created by an older version, say,
     * before the timestamp settings were declared). Only the keys a spec names are touched. Without the right
     * to alter configs (a locked-down cluster) this is logged and start-up goes on.
     */
    private static void alignConfigs(Admin admin, List<TopicSpec> existing, long deadline) {
        Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>> ops =
                new LinkedHashMap<>();
        for (TopicSpec spec : existing) {
            if (spec.configs().isEmpty()) continue;
            ops.put(new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, spec.name()),
                    spec.configs().entrySet().stream().map(c -> new org.apache.kafka.clients.admin.AlterConfigOp(
                            new org.apache.kafka.clients.admin.ConfigEntry(c.getKey(), c.getValue()),
                            org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)).toList());
        }
        if (ops.isEmpty()) return;
        try {
            admin.incrementalAlterConfigs(ops).all().get(Math.max(1, remainingMs(deadline)), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException ex) {
            LOG.warn("Could not set the declared configs on existing topics {}: {}", ops.keySet(), ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Why: CreateTopics completes when the controller has committed the topic, the broker may publish the
     * new metadata slightly later. Waiting for leaders avoids a burst of UNKNOWN_TOPIC_OR_PARTITION retries
     * (and their WARN logs) in the first producers/consumers.
     */
    private static Map<String, Integer> awaitLeaders(Admin admin, Map<String, TopicSpec> byName, long deadline, Duration timeout) {
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> descriptions = admin
                        .describeTopics(byName.keySet(), new DescribeTopicsOptions().timeoutMs(remainingMs(deadline)))
                        .allTopicNames()
                        .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
                boolean ready = descriptions.values().stream()
                        .allMatch(d -> !d.partitions().isEmpty() && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    Map<String, Integer> partitions = new LinkedHashMap<>();
                    descriptions.forEach((name, d) -> {
                        TopicSpec spec = byName.get(name);
                        if (d.partitions().size() != spec.partitions()) {
                            LOG.warn("Topic {} exists with {} partitions, spec asks for {}; leaving it unchanged",
                                    name, d.partitions().size(), spec.partitions());
                        }
                        partitions.put(name, d.partitions().size());
                    });
                    return partitions;
                }
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new EmbeddedKafkaException("Could not describe topics " + byName.keySet() + ": " + ex.getCause(), ex.getCause());
                }
                last = ex.getCause();
            } catch (TimeoutException ex) {
                last = ex;
                break;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new EmbeddedKafkaException("Interrupted while waiting for topics " + byName.keySet(), ex);
            }
            try {
                Thread.sleep(50); // short back-off between metadata polls
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new EmbeddedKafkaException("Interrupted while waiting for topics " + byName.keySet(), ex);
            }
        }
        throw new EmbeddedKafkaException("Topics " + byName.keySet() + " did not get partition leaders within " + timeout, last);
    }

    private static int remainingMs(long deadlineNanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}

package org.odop.pulse.serving;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.odop.pulse.avro.ShipmentAlert;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows two topics for the web app, with one consumer of its own (no group, committed records only): the
 * shipment-alert topic, keeping the most recent {@link #RECENT} alerts and handing each new one to the listeners
 * (the alert stream), and the dead-letter topic from its beginning, counting records by reason. Every instance
 * follows every partition, so each answers for the whole cluster.
 */
public final class LiveTopics implements AlertFeed, AutoCloseable {
    public static final int RECENT = 50;
    private static final Logger log = LoggerFactory.getLogger(LiveTopics.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<ShipmentAlert> alerts;
    private final ArrayDeque<AlertView> recent = new ArrayDeque<>();
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private final List<Consumer<AlertView>> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    /** {@code consumerProperties}: bytes in, read_committed, no group (as {@code StreamsSettings.readThroughConsumer}). */
    public LiveTopics(Properties consumerProperties, Deserializer<ShipmentAlert> alerts) {
        this.consumer = new KafkaConsumer<>(consumerProperties);
        this.alerts = alerts;
        this.thread = new Thread(this::run, "odop-live-topics");
        thread.setDaemon(true);
    }

    public LiveTopics start() {
        thread.start();
        return this;
    }

    @Override
    public synchronized List<AlertView> recentAlerts() {
        List<AlertView> sorted = new ArrayList<>(recent);
        sorted.sort(Comparator.comparing(AlertView::at));
        return sorted;
    }

    /** Records on the dead-letter topic by reason, by reason name. */
    public synchronized Map<String, Long> deadLettersByReason() {
        return new TreeMap<>(deadLetters);
    }

    /** {@inheritDoc} Listeners are called on this object's thread. */
    @Override
    public AutoCloseable subscribe(Consumer<AlertView> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void run() {
        while (!closed) {
            try {
                assign();
                while (!closed) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) handle(r);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) return;
                log.warn("Following the alert and dead-letter topics failed ({}); starting again in 5 s", e.toString());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Alerts from the last {@link #RECENT} of each partition on, dead letters from the beginning. */
    private void assign() {
        List<TopicPartition> alertPartitions = partitions(Topics.SHIPMENT_ALERTS.name());
        List<TopicPartition> deadLetterPartitions = partitions(Topics.DEAD_LETTER);
        List<TopicPartition> all = new ArrayList<>(alertPartitions);
        all.addAll(deadLetterPartitions);
        consumer.assign(all);
        consumer.seekToBeginning(deadLetterPartitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(alertPartitions);
        consumer.endOffsets(alertPartitions).forEach((tp, end) -> consumer.seek(tp, Math.max(begin.get(tp), end - RECENT)));
        synchronized (this) {
            recent.clear();
            deadLetters.clear();
        }
    }

    private List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        if (r.topic().equals(Topics.DEAD_LETTER)) {
            Header reason = r.headers().lastHeader(DeadLetters.HEADER_REASON);
            String name = reason == null ? "UNKNOWN" : new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8);
            synchronized (this) {
                deadLetters.merge(name, 1L, Long::sum);
            }
            return;
        }
        AlertView alert;
        try {
            alert = AlertView.of(alerts.deserialize(r.topic(), r.headers(), r.value()));
        } catch (RuntimeException e) {
            log.warn("Cannot read the alert at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return;
        }
        synchronized (this) {
            recent.addLast(alert);
            if (recent.size() > RECENT) {
                // Several partitions arrive interleaved: keep the newest by alert time.
                List<AlertView> sorted = new ArrayList<>(recent);
                sorted.sort(Comparator.comparing(AlertView::at));
                recent.clear();
                recent.addAll(sorted.subList(sorted.size() - RECENT, sorted.size()));
            }
        }
        for (Consumer<AlertView> l : listeners) {
            try {
                l.accept(alert);
            } catch (RuntimeException e) {
                log.debug("An alert listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}

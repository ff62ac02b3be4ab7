package org.odop.pulse.runtime;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.deadletter.DeadLetterHandler;

/** Kafka Streams and producer settings, apart from the topology. */
public final class StreamsSettings {
    private StreamsSettings() {}

    /**
     * @param rocksDb this instance's RocksDB memory budget ({@link BoundedRocksDbMemory}): the caller closes it after Kafka
     *                Streams
     */
    public static Properties streams(PulseConfig cfg, String bootstrap, int httpPort, DeadLetterCounter counter,
                                     BoundedRocksDbMemory.Budget rocksDb) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, cfg.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // Exactly once: each event changes the stores once, even across crashes and rebalances.
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, cfg.stateDir().resolve("streams").toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, cfg.advertisedHost() + ":" + httpPort);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, cfg.standbyReplicas());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, cfg.streamThreads());
        // Internal topics: the broker default replication (-1) on a cluster, 1 on the single embedded broker.
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, cfg.embeddedKafka() ? 1 : -1);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        // A dead letter carries the original record (up to the broker's 1 MiB) plus headers, and a held event's
        // changelog record likewise: the producer and the internal topics take records up to twice that.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.LARGE_RECORD_BYTES);
        p.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), Integer.toString(Topics.LARGE_RECORD_BYTES));
        // Changelog records carry the event's own time: old, or within the accepted window ahead of the clock.
        Topics.ANY_TIMESTAMP.forEach((k, v) -> p.put(StreamsConfig.topicPrefix(k), v));
        p.put(DeadLetterHandler.COUNTER_CONFIG, counter);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Every RocksDB store of the instance within one memory budget (--rocksdb-memory-mb), however many tasks it holds.
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        p.put(BoundedRocksDbMemory.BUDGET_CONFIG, java.util.Objects.requireNonNull(rocksDb, "rocksDb"));
        Properties settings = cfg.connections().kafka().applyTo(p); // last: a secured cluster's settings win
        // Without transactional state stores (off by default) no store has uncommitted bytes to count, yet Kafka
        // Streams asks every store of every task on each pass of its loop (3% of the stream threads' samples in a
        // profile): the early commit that count is for is off, unless transactional stores are asked for.
        if (!Boolean.parseBoolean(String.valueOf(settings.getOrDefault(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "false")))) {
            settings.putIfAbsent(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, -1L);
        }
        return settings;
    }

    /** A consumer that reads committed records as bytes and commits nothing (no group): for reading a topic through. */
    public static Properties readThroughConsumer(String bootstrap, KafkaClientConfig kafka) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return kafka.applyTo(c);
    }

    /** As {@link #producer(String)}, with a secured cluster's settings. */
    public static Properties producer(String bootstrap, KafkaClientConfig kafka) {
        return kafka.applyTo(producer(bootstrap));
    }

    /** The ingest producer: nothing is acknowledged to a user before every replica has it. */
    public static Properties producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class);
        return p;
    }
}

package org.odop.pulse.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.odop.pulse.demo.DemoDataGenerator;
import org.odop.pulse.demo.DemoOptions;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.demo.Twist;
import org.odop.pulse.runtime.StreamsSettings;

/**
 * Produces the backlog: exactly N events of the seeded demo data set (FY2022-23 up to now: LOIs from
 * buyer-seller meets, shipments through their stages, orders with cancellations and returns) with about
 * 1% duplicates, 1% late events and 0.1% invalid records, straight to the event topics as Avro through a
 * batching, lz4-compressing producer. Not timed as a result: it only sets the stage.
 */
final class BacklogProducer {
    static final double DUPLICATE_SHARE = 0.01, LATE_SHARE = 0.01, INVALID_SHARE = 0.001, UNKNOWN_DISTRICT_SHARE = 0;

    /** What was produced: per topic and per kind of line. */
    record Backlog(long events, Map<String, Long> perTopic, Map<Twist, Long> byTwist, Duration took) {
        long count(Twist twist) {
            return byTwist.getOrDefault(twist, 0L);
        }

        long invalid() {
            return byTwist.entrySet().stream().filter(e -> e.getKey().invalid()).mapToLong(Map.Entry::getValue).sum();
        }
    }

    private static final int BATCH = 2_000, CONVERTER_THREADS = 2, MAX_BATCHES_IN_FLIGHT = 6;

    private BacklogProducer() {}

    /** A producer for throughput: big batches, a little linger, lz4; still idempotent with acks=all. */
    static Properties fastProducer(String bootstrapServers) {
        Properties p = StreamsSettings.producer(bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    /** The data set's options for about {@code events} lines with the benchmark's shares of twists. */
    static DemoOptions dataSet(long seed, Instant now, long events) {
        return DemoOptions.backfill(seed, now, events)
                .withShares(DUPLICATE_SHARE, LATE_SHARE, INVALID_SHARE, UNKNOWN_DISTRICT_SHARE).withEventCount(events);
    }

    /** Lines of the data set, exactly {@code n} of them: further seeds follow if one pass makes fewer. */
    static Iterator<GeneratedLine> lines(long seed, long n) {
        Instant now = Instant.now();
        return new Iterator<>() {
            long handedOut;
            long passSeed = seed;
            Iterator<GeneratedLine> pass = new DemoDataGenerator(dataSet(passSeed, now, n)).iterator();

            @Override
            public boolean hasNext() {
                if (handedOut >= n) return false;
                while (!pass.hasNext()) {
                    passSeed++;
                    pass = new DemoDataGenerator(dataSet(passSeed, now, n - handedOut + 16)).iterator();
                }
                return true;
            }

            @Override
            public GeneratedLine next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                handedOut++;
                return pass.next();
            }
        };
    }

    /**
     * Produces exactly {@code n} lines. Parsing and encoding (the slow part) run on two threads, batch by
     * batch; batches are sent in the generator's order, so each topic gets the lines in arrival order.
     */
    static Backlog produce(BenchCluster cluster, long n, long seed, boolean progress) throws InterruptedException {
        long started = System.nanoTime();
        EventRecords records = new EventRecords(cluster.serdes());
        Map<String, Long> perTopic = new TreeMap<>();
        Map<Twist, Long> byTwist = new EnumMap<>(Twist.class);
        AtomicReference<Exception> failure = new AtomicReference<>();
        ExecutorService converters = Executors.newFixedThreadPool(CONVERTER_THREADS, r -> {
            Thread t = new Thread(r, "bench-backlog-encoder");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<List<ProducerRecord<byte[], byte[]>>>> inFlight = new ArrayDeque<>();
        long sent = 0;
        try (var producer = new KafkaProducer<byte[], byte[]>(cluster.withKafkaConfig(fastProducer(cluster.bootstrapServers())));
             Progress bar = Progress.start(progress, "Producing backlog", n, " ev")) {
            Iterator<GeneratedLine> lines = lines(seed, n);
            List<GeneratedLine> batch = new ArrayList<>(BATCH);
            while (lines.hasNext() || !batch.isEmpty()) {
                if (lines.hasNext()) {
                    GeneratedLine line = lines.next();
                    byTwist.merge(line.twist(), 1L, Long::sum);
                    batch.add(line);
                }
                if (batch.size() == BATCH || (!lines.hasNext() && !batch.isEmpty())) {
                    List<GeneratedLine> toEncode = batch;
                    inFlight.add(converters.submit(() -> toEncode.stream().map(records::record).toList()));
                    batch = new ArrayList<>(BATCH);
                }
                while (inFlight.size() > MAX_BATCHES_IN_FLIGHT || (!lines.hasNext() && !inFlight.isEmpty())) {
                    for (ProducerRecord<byte[], byte[]> record : take(inFlight.poll())) {
                        producer.send(record, (meta, e) -> {
                            if (e != null) failure.compareAndSet(null, e);
                        });
                        perTopic.merge(record.topic(), 1L, Long::sum);
                        sent++;
                    }
                    bar.stepTo(sent);
                    if (failure.get() != null) break;
                }
                if (failure.get() != null) break;
            }
            producer.flush();
            bar.stepTo(sent);
        } finally {
            converters.shutdownNow();
        }
        if (failure.get() != null) throw new IllegalStateException("producing the backlog failed: " + failure.get(), failure.get());
        return new Backlog(sent, perTopic, byTwist, Duration.ofNanos(System.nanoTime() - started));
    }

    private static <T> T take(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("encoding the backlog failed: " + e.getCause(), e.getCause());
        }
    }
}

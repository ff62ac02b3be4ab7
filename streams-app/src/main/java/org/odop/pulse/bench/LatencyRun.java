package org.odop.pulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.runtime.StreamsSettings;

/**
 * Latency at a steady rate: mixed events at R events/s (a pool of the data set's records, each pass with
 * fresh ids) through a producer with the ingest settings, while a probe LOI for the probe district goes
 * out every 200 ms and a poller watches the district's loiCount on the REST API. A probe's latency is
 * from just before its send to the first answer that counts it (System.nanoTime on both ends).
 */
final class LatencyRun {
    static final Duration PROBE_EVERY = Duration.ofMillis(200);
    static final long POLL_PAUSE_NANOS = Duration.ofMillis(5).toNanos();
    /** After the load stops, how long probes not yet visible are still waited for. */
    static final Duration PROBE_DRAIN = Duration.ofSeconds(60);
    private static final int POOL_SIZE = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Latency(long loadEvents, Duration loadTook, int probesSent, double[] samplesMs) {
        double loadEps() {
            return loadEvents / Math.max(1e-9, loadTook.toNanos() / 1e9);
        }

        int probesSeen() {
            return samplesMs.length;
        }

        /** Nearest-rank percentile of the probes that became visible, in ms; NaN with none. */
        double percentile(double p) {
            if (samplesMs.length == 0) return Double.NaN;
            double[] sorted = samplesMs.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    /** One record of the load pool: its ids are given a suffix per pass so every pass is new events. */
    private record Pooled(RecordType type, RecordType.Keyed keyed, String eventId, String entityId, String loiId,
                          ProducerRecord<byte[], byte[]> raw) {}

    private final BenchCluster cluster;
    private final EventRecords records;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI probeView;
    private final String bearer;
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);

    /** @param apiKey a key with the read role */
    LatencyRun(BenchCluster cluster, int httpPort, String apiKey) {
        this.bearer = "Bearer " + apiKey;
        this.cluster = cluster;
        this.records = new EventRecords(cluster.serdes());
        this.probeView = URI.create("http://127.0.0.1:" + httpPort + "/api/v1/districts/" + BenchCluster.PROBE_DISTRICT);
    }

    Latency run(double rate, int seconds, long seed, boolean progress) throws InterruptedException {
        List<Pooled> pool = pool(seed, (int) Math.min(POOL_SIZE, Math.max(1_000, (long) (rate * seconds))));
        long baseline = awaitLoiCount();
        ConcurrentHashMap<Integer, Long> sentAt = new ConcurrentHashMap<>();
        List<Double> samples = new ArrayList<>();
        AtomicInteger probes = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong loadSent = new AtomicLong();
        long loadNanos;
        try (var producer = new KafkaProducer<byte[], byte[]>(StreamsSettings.producer(cluster.bootstrapServers(), cluster.connections().kafka()))) {
            ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-probe"));
            Poller poller = new Poller(baseline, sentAt, probes, samples);
            Thread pollThread = new Thread(poller, "bench-poller");
            pollThread.setDaemon(true);
            pollThread.start();
            long started = System.nanoTime();
            prober.scheduleAtFixedRate(() -> sendProbe(producer, probes, sentAt, failure), 0,
                    PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            try (Progress bar = Progress.start(progress, String.format("Latency at %,.0f ev/s", rate), seconds, " s")) {
                load(producer, pool, rate, started, started + TimeUnit.SECONDS.toNanos(seconds), loadSent, failure, bar);
            } finally {
                prober.shutdown();
                prober.awaitTermination(10, TimeUnit.SECONDS);
            }
            loadNanos = System.nanoTime() - started;
            producer.flush();
            poller.awaitAll(probes.get(), PROBE_DRAIN);
            pollThread.interrupt();
            pollThread.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (failure.get() != null) throw new IllegalStateException("the latency load failed: " + failure.get(), failure.get());
        double[] ms;
        synchronized (samples) {
            ms = samples.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new Latency(loadSent.get(), Duration.ofNanos(loadNanos), probes.get(), ms);
    }

    /** Sends the pool's records, pass after pass, at {@code rate} events a second until {@code endNanos}. */
    private void load(Producer<byte[], byte[]> producer, List<Pooled> pool, double rate, long started, long endNanos,
                      AtomicLong sent, AtomicReference<Exception> failure, Progress bar) {
        int at = 0, pass = 1;
        long n = 0;
        long now;
        while ((now = System.nanoTime()) < endNanos && failure.get() == null) {
            long due = (long) ((now - started) / 1e9 * rate);
            while (n < due) {
                producer.send(next(pool.get(at), pass), (meta, e) -> {
                    if (e != null) failure.compareAndSet(null, e);
                });
                n++;
                if (++at == pool.size()) {
                    at = 0;
                    pass++;
                }
            }
            sent.set(n);
            bar.stepTo(TimeUnit.NANOSECONDS.toSeconds(now - started));
            LockSupport.parkNanos(1_000_000); // pacing a steady rate
        }
        sent.set(n);
    }

    private ProducerRecord<byte[], byte[]> next(Pooled p, int pass) {
        if (p.raw() != null) return new ProducerRecord<>(p.raw().topic(), null, p.raw().value());
        String sfx = "~" + runTag + "." + pass;
        SpecificRecord v = p.keyed().value();
        if (v instanceof LoiSigned l) {
            l.setEventId(p.eventId() + sfx);
            l.setLoiId(p.entityId() + sfx);
        } else if (v instanceof ShipmentEvent s) {
            s.setEventId(p.eventId() + sfx);
            s.setShipmentId(p.entityId() + sfx);
            if (p.loiId() != null) s.setLoiId(p.loiId() + sfx);
        } else if (v instanceof EcommerceOrder o) {
            o.setEventId(p.eventId() + sfx);
            o.setOrderId(p.entityId() + sfx);
        }
        return records.record(p.type(), p.keyed());
    }

    private List<Pooled> pool(long seed, int size) {
        List<Pooled> pool = new ArrayList<>(size);
        Iterator<GeneratedLine> lines = BacklogProducer.lines(seed, size);
        while (lines.hasNext()) {
            GeneratedLine line = lines.next();
            RecordType.Keyed keyed = EventRecords.parse(line);
            if (keyed == null) {
                pool.add(new Pooled(line.type(), null, null, null, null, records.record(line)));
                continue;
            }
            SpecificRecord v = keyed.value();
            if (v instanceof LoiSigned l) {
                pool.add(new Pooled(line.type(), keyed, l.getEventId(), l.getLoiId(), null, null));
            } else if (v instanceof ShipmentEvent s) {
                pool.add(new Pooled(line.type(), keyed, s.getEventId(), s.getShipmentId(), s.getLoiId(), null));
            } else if (v instanceof EcommerceOrder o) {
                pool.add(new Pooled(line.type(), keyed, o.getEventId(), o.getOrderId(), null, null));
            }
        }
        return pool;
    }

    private void sendProbe(Producer<byte[], byte[]> producer, AtomicInteger probes, ConcurrentHashMap<Integer, Long> sentAt,
                           AtomicReference<Exception> failure) {
        try {
            int seq = probes.get() + 1;
            String id = "probe-" + runTag + "-" + seq;
            LoiSigned probe = LoiSigned.newBuilder().setEventId(id).setLoiId(id).setMeetId("BENCH-PROBE-MEET")
                    .setDistrictCode(BenchCluster.PROBE_DISTRICT).setProductCode(BenchCluster.PROBE_PRODUCT)
                    .setBuyer("Benchmark buyer").setSeller("Benchmark seller").setValuePaise(100)
                    .setSignedAt(Instant.now()).setHsCode(null).build();
            var record = records.record(RecordType.LOIS,
                    new RecordType.Keyed(BenchCluster.PROBE_DISTRICT, probe, probe.getSignedAt()));
            sentAt.put(seq, System.nanoTime());
            producer.send(record, (meta, e) -> {
                if (e != null) failure.compareAndSet(null, e);
            });
            probes.set(seq);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** The probe district's loiCount once the API answers for it (the reference data is loaded by then). */
    private long awaitLoiCount() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            long count = loiCount();
            if (count >= 0) return count;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the REST API does not answer for " + BenchCluster.PROBE_DISTRICT);
            }
            Thread.sleep(100); // polling an HTTP endpoint until it answers
        }
    }

    /** The probe district's loiCount, or -1 when the API does not answer with it. */
    private long loiCount() throws InterruptedException {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(probeView).header("Authorization", bearer)
                    .timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) return -1;
            return JSON.readTree(new String(r.body(), StandardCharsets.UTF_8)).path("loiCount").asLong(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Polls the probe district and records each probe's latency when the count first includes it. */
    private final class Poller implements Runnable {
        private final long baseline;
        private final ConcurrentHashMap<Integer, Long> sentAt;
        private final AtomicInteger probes;
        private final List<Double> samples;
        private volatile int seen;
        private final Object progress = new Object();

        Poller(long baseline, ConcurrentHashMap<Integer, Long> sentAt, AtomicInteger probes, List<Double> samples) {
            this.baseline = baseline;
            this.sentAt = sentAt;
            this.probes = probes;
            this.samples = samples;
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long count = loiCount();
                    long now = System.nanoTime();
                    int visible = (int) Math.min(probes.get(), count - baseline);
                    if (visible > seen) {
                        synchronized (samples) {
                            for (int seq = seen + 1; seq <= visible; seq++) {
                                Long t = sentAt.get(seq);
                                if (t != null) samples.add((now - t) / 1e6);
                            }
                        }
                        seen = visible;
                        synchronized (progress) {
                            progress.notifyAll();
                        }
                    }
                    LockSupport.parkNanos(POLL_PAUSE_NANOS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitAll(int sent, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            synchronized (progress) {
                while (seen < sent) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) return;
                    progress.wait(Math.min(left, 500));
                }
            }
        }
    }
}

package org.odop.pulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.ingest.RecordType;

/**
 * HTTP ingest throughput: the data set's lines as NDJSON bodies of a few thousand lines each, one record
 * type per body (as a partner system would send a batch), posted to {@code POST /api/v1/ingest/{type}}
 * by a few concurrent clients. The bodies are made before the clock starts; the figure is lines a
 * second from the first request to the last answer. Every line counts, accepted or rejected (the data
 * set's invalid lines are rejected with a reason, as real ones would be).
 */
final class IngestLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Ingest(long lines, long accepted, long rejected, int requests, Duration took) {
        double lps() {
            return lines / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    private record Body(RecordType type, int lines, byte[] ndjson) {}

    private IngestLoad() {}

    /** @param apiKey a key with the ingest and reference roles (admin) */
    static Ingest run(int httpPort, String apiKey, long lines, int bodyLines, int clients, long seed, boolean progress) throws Exception {
        List<Body> bodies = bodies(seed, lines, bodyLines);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ConcurrentLinkedQueue<Body> queue = new ConcurrentLinkedQueue<>(bodies);
        AtomicLong done = new AtomicLong(), accepted = new AtomicLong(), rejected = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, "bench-ingest-client"));
        // The server checks a key's slow hash (PBKDF2) on its first use and caches the result: done before the clock
        // starts, as a client that ingests all day did long before (else each of the first concurrent requests pays it).
        verifyKey(http, httpPort, apiKey);
        long started = System.nanoTime();
        try (Progress bar = Progress.start(progress, "HTTP ingest", lines, " lines")) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(() -> {
                    Body b;
                    while ((b = queue.poll()) != null) {
                        JsonNode answer = post(http, httpPort, apiKey, b);
                        accepted.addAndGet(answer.path("accepted").asLong());
                        rejected.addAndGet(answer.path("rejected").size());
                        bar.stepTo(done.addAndGet(b.lines()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdownNow();
        }
        return new Ingest(done.get(), accepted.get(), rejected.get(), bodies.size(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static void verifyKey(HttpClient http, int port, String apiKey) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/session"))
                .timeout(Duration.ofMinutes(1)).header("Authorization", "Bearer " + apiKey).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/session with the bench's key answered " + r.statusCode());
        }
    }

    private static JsonNode post(HttpClient http, int port, String apiKey, Body body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest/"
                        + body.type().pathName()))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.ndjson())).build();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        // 200: all accepted; 422: some lines rejected with reasons, the others accepted.
        if (r.statusCode() != 200 && r.statusCode() != 422) {
            throw new IllegalStateException("POST /api/v1/ingest/" + body.type().pathName() + " answered "
                    + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(r.body());
    }

    /** Exactly {@code lines} lines of the data set, grouped by type into bodies of at most {@code bodyLines}. */
    private static List<Body> bodies(long seed, long lines, int bodyLines) {
        List<Body> bodies = new ArrayList<>();
        Map<RecordType, StringBuilder> open = new EnumMap<>(RecordType.class);
        Map<RecordType, Integer> counts = new EnumMap<>(RecordType.class);
        Iterator<GeneratedLine> it = BacklogProducer.lines(seed, lines);
        while (it.hasNext()) {
            GeneratedLine line = it.next();
            StringBuilder b = open.computeIfAbsent(line.type(), t -> new StringBuilder(bodyLines * 320));
            b.append(line.json()).append('\n');
            int n = counts.merge(line.type(), 1, Integer::sum);
            if (n == bodyLines) {
                bodies.add(new Body(line.type(), n, b.toString().getBytes(StandardCharsets.UTF_8)));
                open.remove(line.type());
                counts.remove(line.type());
            }
        }
        open.forEach((type, b) -> bodies.add(new Body(type, counts.get(type), b.toString().getBytes(StandardCharsets.UTF_8))));
        return bodies;
    }
}

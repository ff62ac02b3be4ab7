package org.odop.pulse.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.ingest.RecordType;

/**
 * A test client that posts NDJSON bodies to {@code /api/v1/ingest/{type}} as a careful user would: a body
 * answered 200 or 422 is done (its accepted lines go into the {@link ExpectedViews}); a 503, or a lost
 * connection (the instance died), means "not known to be stored", and the same body is sent again once
 * the instance answers. Lines stored by the failed attempt come again with the same eventIds, so the
 * pipeline must count them once.
 */
public final class IngestFeed {
    /** One request body: lines of one record type, in the order they were generated. */
    public record Body(RecordType type, List<String> lines) {
        String text() {
            return String.join("\n", lines) + "\n";
        }
    }

    /** How one body ended, after any retries. */
    public record Outcome(int status, int attempts, long accepted, int rejected) {}

    private final ExpectedViews expected;
    private final Supplier<Http> http;
    private final Runnable awaitAnswering;

    public final AtomicLong bodies = new AtomicLong();
    public final AtomicLong lines = new AtomicLong();
    public final AtomicLong accepted = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();
    public final AtomicLong answered503 = new AtomicLong();
    public final AtomicLong lostConnections = new AtomicLong();
    public final AtomicLong retries = new AtomicLong();
    public final AtomicLong sentAgain = new AtomicLong();
    private volatile Body lastAnswered;

    /**
     * @param http           the instance to post to (looked up on every attempt)
     * @param awaitAnswering blocks until the instance answers again, after a 503 or a lost connection
     */
    public IngestFeed(ExpectedViews expected, Supplier<Http> http, Runnable awaitAnswering) {
        this.expected = expected;
        this.http = http;
        this.awaitAnswering = awaitAnswering;
    }

    /**
     * Splits each type's lines into bodies of at most {@code size} lines and interleaves them (lois,
     * shipments, orders, lois, ...), keeping each type's lines in generated order.
     */
    public static List<Body> bodies(List<GeneratedLine> generated, int size) {
        Map<RecordType, List<String>> byType = new EnumMap<>(RecordType.class);
        for (GeneratedLine l : generated) byType.computeIfAbsent(l.type(), t -> new ArrayList<>()).add(l.json());
        List<List<Body>> perType = new ArrayList<>();
        for (var e : byType.entrySet()) {
            List<Body> bodies = new ArrayList<>();
            List<String> all = e.getValue();
            for (int from = 0; from < all.size(); from += size) {
                bodies.add(new Body(e.getKey(), List.copyOf(all.subList(from, Math.min(all.size(), from + size)))));
            }
            perType.add(bodies);
        }
        List<Body> interleaved = new ArrayList<>();
        for (int i = 0; perType.stream().anyMatch(b -> !b.isEmpty()); i++) {
            for (List<Body> b : perType) {
                if (!b.isEmpty()) interleaved.add(b.remove(0));
            }
        }
        return interleaved;
    }

    /** Posts the body until it is answered 200 or 422 (at most {@code 20} attempts). */
    public Outcome send(Body body) {
        Outcome outcome = post(body);
        bodies.incrementAndGet();
        lines.addAndGet(body.lines().size());
        accepted.addAndGet(outcome.accepted());
        rejected.addAndGet(outcome.rejected());
        lastAnswered = body;
        return outcome;
    }

    /**
     * Sends an already answered body once more, as a client that never saw the answer would: every line
     * is stored again, the pipeline must drop the repeats by eventId (the recomputation does too).
     */
    public Outcome sendAgain(Body body) {
        sentAgain.incrementAndGet();
        return post(body);
    }

    /**
     * Waits until {@code count} bodies have been answered by a client running on {@code sending}; a client that
     * failed (or ended early) fails the wait at once, with its own error.
     */
    public void awaitAnswered(long count, Future<?> sending, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (bodies.get() >= count) return true;
            if (sending.isDone()) {
                sending.get();   // throws what the client threw
                throw new AssertionError("the client ended after " + bodies.get() + " bodies, before " + count);
            }
            return false;
        });
    }

    /** The body answered last. */
    public Body lastAnswered() {
        return lastAnswered;
    }

    private Outcome post(Body body) {
        String path = "/api/v1/ingest/" + body.type().pathName();
        for (int attempt = 1; attempt <= 20; attempt++) {
            if (attempt > 1) retries.incrementAndGet();
            Http.Response r;
            try {
                r = http.get().post(path, "application/x-ndjson", body.text());
            } catch (UncheckedIOException e) {
                lostConnections.incrementAndGet();
                awaitAnswering.run();
                continue;
            }
            if (r.status() == 503) {
                answered503.incrementAndGet();
                awaitAnswering.run();
                continue;
            }
            assertThat(r.status()).as("ingest of %s: %s", body.type(), abbreviate(r.body())).isIn(200, 422);
            JsonNode json = r.json();
            Set<Integer> rejectedLines = new HashSet<>();
            for (JsonNode rejection : json.get("rejected")) rejectedLines.add(rejection.get("line").asInt());
            long acceptedHere = json.get("accepted").asLong();
            assertThat(acceptedHere + rejectedLines.size()).as("every line accepted or rejected").isEqualTo(body.lines().size());
            assertThat(r.status()).isEqualTo(rejectedLines.isEmpty() ? 200 : 422);
            for (int i = 0; i < body.lines().size(); i++) {
                if (!rejectedLines.contains(i + 1)) expected.accepted(body.type(), body.lines().get(i));
            }
            return new Outcome(r.status(), attempt, acceptedHere, rejectedLines.size());
        }
        throw new AssertionError("ingest of a " + body.type() + " body was not answered 200/422 in 20 attempts");
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}

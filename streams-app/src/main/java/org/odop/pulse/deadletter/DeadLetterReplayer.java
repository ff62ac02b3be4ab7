package org.odop.pulse.deadletter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topic;
import org.odop.pulse.config.Topics;

/**
 * Sends parked event records back to the topic they came from, e.g. once the reference data that made them
 * UNKNOWN_DISTRICT has been fixed; each dead letter at most once, however often and however late it runs.
 *
 * <ul>
 *   <li>What was replayed is remembered in the {@link ReplayLedger}; a dead letter already there is skipped.
 *       The pipeline's eventId check only covers its dedup retention, the ledger has no such limit.</li>
 *   <li>A replayed record and its ledger entry are written in one Kafka transaction (a batch of them per
 *       transaction): a run killed half-way leaves both or neither. Every run uses the same transactional id,
 *       so a second run started while one is going fences the first (whose open batch is aborted), and only
 *       then reads the ledger: it sees everything the first one committed.</li>
 *   <li>A record parked as UNKNOWN_DISTRICT or UNKNOWN_PRODUCT is replayed only once the reference topics
 *       hold both its district and its product; until then it stays where it is and is reported as waiting,
 *       rather than being sent round to be parked again as a copy.</li>
 * </ul>
 */
public final class DeadLetterReplayer {
    public static final Set<DeadLetterReason> REPLAYABLE_BY_DEFAULT =
            Set.of(DeadLetterReason.UNKNOWN_DISTRICT, DeadLetterReason.UNKNOWN_PRODUCT);

    /** One transactional id for every replay-dlq against a cluster: concurrent runs fence each other. */
    public static final String TRANSACTIONAL_ID = "odop-pulse-replay-dlq";

    /** Replayed records (with their ledger entries) per transaction. */
    static final int BATCH = 500;
    /** A transaction open this long is committed whatever its size, well inside transaction.timeout.ms (60 s). */
    private static final long MAX_TRANSACTION_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private static final Set<DeadLetterReason> NEED_REFERENCE_DATA = REPLAYABLE_BY_DEFAULT;
    private static final Set<String> EVENT_TOPICS = Topics.ALL_TYPED.stream()
            .filter(t -> t.kind() == Topic.Kind.EVENT).map(Topic::name).collect(Collectors.toSet());

    /** The district and product an event names. */
    public record Codes(String district, String product) {}

    /** Reads the district and product of an event from its original bytes; throws if they cannot be read. */
    @FunctionalInterface
    public interface EventDecoder {
        Codes decode(String topic, Headers headers, byte[] value);
    }

    /** What one run did with the dead letters of one original topic and reason. */
    public record Tally(int replayed, int alreadyReplayed, int waiting, int unreadable) {
        Tally plus(Tally o) {
            return new Tally(replayed + o.replayed, alreadyReplayed + o.alreadyReplayed, waiting + o.waiting,
                    unreadable + o.unreadable);
        }
    }

    /**
     * @param read        dead letters read in all (any topic, any reason)
     * @param byTopic     per "topic REASON", of the dead letters selected for replay
     * @param waitingFor  per missing code ("district X", "product Y"), how many dead letters wait for it
     */
    public record Summary(long read, Map<String, Tally> byTopic, Map<String, Integer> waitingFor) {
        public Tally total() {
            return byTopic.values().stream().reduce(new Tally(0, 0, 0, 0), Tally::plus);
        }

        public int replayedTotal() {
            return total().replayed();
        }
    }

    /** A replay that stopped part-way: {@link #committed()} says what was replayed before it stopped. */
    public static final class ReplayException extends RuntimeException {
        private final transient Summary committed;

        ReplayException(String message, Summary committed, Throwable cause) {
            super(message, cause);
            this.committed = committed;
        }

        public Summary committed() {
            return committed;
        }
    }

    private DeadLetterReplayer() {}

    /**
     * Replays the dead letters parked with one of {@code reasons} that have not been replayed before.
     *
     * @param producer   a transactional producer (transactional.id {@link #TRANSACTIONAL_ID}), not yet initialised
     * @param ledger     reads the ledger (read_committed); called after the producer has fenced earlier runs
     * @param reference  reads the codes the reference topics hold now
     * @param dlq        reads the dead-letter topic (read_committed)
     */
    public static Summary replay(Producer<byte[], byte[]> producer, Supplier<ReplayLedger> ledger,
                                 Supplier<ReferenceCodes> reference, Consumer<byte[], byte[]> dlq,
                                 EventDecoder decoder, Set<DeadLetterReason> reasons, Clock clock) {
        // First fence any replay-dlq still running (its open transaction is aborted, a committing one finishes),
        // then read the ledger: whatever that run committed is in it.
        producer.initTransactions();
        Run run = new Run(producer, ledger.get(), reference.get(), decoder, reasons, clock);
        try {
            DeadLetterTopicReader.forEach(dlq, run::consider);
            run.commit();
        } catch (KafkaException e) {
            run.abort();
            throw new ReplayException(fenced(e) ? "another replay-dlq started and took over; this one stopped"
                    : "replay stopped: " + e, run.summary(), e);
        }
        return run.summary();
    }

    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) return true;
        }
        return false;
    }

    /** A decoder for the event topics, reading the original bytes with the application's Avro deserializers. */
    public static EventDecoder avroDecoder(PulseSerdes serdes) {
        Map<String, org.apache.kafka.common.serialization.Deserializer<? extends SpecificRecord>> byTopic = new TreeMap<>();
        for (Topic<?> t : Topics.ALL_TYPED) {
            if (t.kind() == Topic.Kind.EVENT) byTopic.put(t.name(), serdes.value(t).deserializer());
        }
        return (topic, headers, value) -> {
            var deserializer = byTopic.get(topic);
            if (deserializer == null) throw new IllegalArgumentException("not an event topic: " + topic);
            SpecificRecord event = deserializer.deserialize(topic, headers, value);
            if (event == null) throw new IllegalArgumentException("no value");
            return new Codes(field(event, "districtCode"), field(event, "productCode"));
        };
    }

    private static String field(SpecificRecord event, String name) {
        Schema.Field f = event.getSchema().getField(name);
        if (f == null) throw new IllegalArgumentException(event.getSchema().getName() + " has no " + name);
        Object v = event.get(f.pos());
        return v == null ? null : v.toString();
    }

    /** The state of one run: the batch in flight and the counts of what is committed. */
    private static final class Run {
        private final Producer<byte[], byte[]> producer;
        private final ReplayLedger ledger;
        private final ReferenceCodes reference;
        private final EventDecoder decoder;
        private final Set<String> reasons;
        private final Clock clock;

        private final Map<String, Tally> committed = new TreeMap<>();
        private final Map<String, Integer> waitingFor = new TreeMap<>();
        private final List<String> pending = new ArrayList<>(); // "topic REASON" of each record in the open batch
        private boolean inTransaction;
        private long transactionStarted;
        private long read;

        Run(Producer<byte[], byte[]> producer, ReplayLedger ledger, ReferenceCodes reference, EventDecoder decoder,
            Set<DeadLetterReason> reasons, Clock clock) {
            this.producer = producer;
            this.ledger = ledger;
            this.reference = reference;
            this.decoder = decoder;
            this.reasons = reasons.stream().map(Enum::name).collect(Collectors.toSet());
            this.clock = clock;
        }

        void consider(ConsumerRecord<byte[], byte[]> r) {
            read++;
            if (inTransaction && System.nanoTime() - transactionStarted > MAX_TRANSACTION_NANOS) commit();
            String topic = DeadLetters.get(r.headers(), DeadLetters.HEADER_TOPIC);
            String reason = DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON);
            if (topic == null || !EVENT_TOPICS.contains(topic) || reason == null || !reasons.contains(reason)) return;
            String group = topic + " " + reason;
            if (ledger.contains(r.partition(), r.offset())) {
                count(group, new Tally(0, 1, 0, 0));
                return;
            }
            if (NEED_REFERENCE_DATA.stream().anyMatch(x -> x.name().equals(reason))) {
                List<String> missing;
                try {
                    missing = missing(decoder.decode(topic, r.headers(), r.value()));
                } catch (RuntimeException unreadable) {
                    count(group, new Tally(0, 0, 0, 1));
                    return;
                }
                if (!missing.isEmpty()) {
                    count(group, new Tally(0, 0, 1, 0));
                    missing.forEach(code -> waitingFor.merge(code, 1, Integer::sum));
                    return;
                }
            }
            send(r, topic, reason, group);
        }

        private List<String> missing(Codes codes) {
            List<String> missing = new ArrayList<>(2);
            if (codes.district() == null || !reference.districts().contains(codes.district())) {
                missing.add("district " + PrintableText.escape(codes.district()));
            }
            if (codes.product() == null || !reference.products().contains(codes.product())) {
                missing.add("product " + PrintableText.escape(codes.product()));
            }
            return missing;
        }

        private void send(ConsumerRecord<byte[], byte[]> r, String topic, String reason, String group) {
            if (!inTransaction) {
                producer.beginTransaction();
                inTransaction = true;
                transactionStarted = System.nanoTime();
            }
            var headers = new RecordHeaders();
            r.headers().forEach(h -> {
                if (!h.key().startsWith("odop.dlq.")) headers.add(h);
            });
            producer.send(new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value(), headers));
            producer.send(ledger.entry(r.partition(), r.offset(), topic, reason, clock.instant()));
            pending.add(group);
            if (pending.size() >= BATCH) commit();
        }

        void commit() {
            if (!inTransaction) return;
            producer.commitTransaction(); // flushes; throws if any send of the batch failed
            inTransaction = false;
            pending.forEach(group -> count(group, new Tally(1, 0, 0, 0)));
            pending.clear();
        }

        void abort() {
            if (!inTransaction) return;
            pending.clear();
            inTransaction = false;
            try {
                producer.abortTransaction();
            } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
                     | AuthorizationException fatal) {
                // Fenced or fatal: the broker aborts the open transaction itself (fencing, or its timeout).
            } catch (KafkaException e) {
                // The transaction times out on the broker and is aborted there.
            }
        }

        private void count(String group, Tally t) {
            committed.merge(group, t, Tally::plus);
        }

        Summary summary() {
            return new Summary(read, Collections.unmodifiableMap(new TreeMap<>(committed)),
                    Collections.unmodifiableMap(new TreeMap<>(waitingFor)));
        }
    }
}

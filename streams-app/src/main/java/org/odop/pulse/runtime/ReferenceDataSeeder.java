package org.odop.pulse.runtime;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.ingest.IngestFailedException;
import org.odop.pulse.ingest.IngestResult;
import org.odop.pulse.ingest.IngestService;
import org.odop.pulse.ingest.InputFormat;
import org.odop.pulse.ingest.LineReader;
import org.odop.pulse.ingest.RecordType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the bundled reference data (every district of Jammu and Kashmir and the districts and products
 * the ODOP sources name, and a USD exchange-rate series) into a reference topic that is still empty, so a
 * first run has names, states and dollar values.
 *
 * <h2>Where the bundled USD rates come from</h2>
 * {@code /reference/fx-rates.ndjson} holds one USD rate for the 1st of every month from 2022-04-01 to
 * 2025-11-01 (which stays in force until a later rate is sent), plus the effective days of the notifications below. The figures are meant to be the rates CBIC
 * notifies under section 14 of the Customs Act, 1962 for <em>exported</em> goods (Schedule I, column (3)(b),
 * "US Dollar"), which CBIC revises by a notification dated the 1st and 3rd Thursday of each month, in force
 * from the next day. They are <strong>approximate</strong> except where stated here:
 * <ul>
 *   <li>Read in the text of the notification as third-party sites republish it (not checked against the CBIC
 *       site or the Gazette), in force from the day given:
 *       No. 18/2022-Cus (NT), 2022-03-18, 75.20 (the figure of 2022-04-01); No. 49/2022, 2022-06-03, 76.80;
 *       No. 64/2022, 2022-07-22, 79.20 (also the figure of 2022-08-01); No. 78/2022, 2022-09-16, 78.70 (also of
 *       2022-10-01); No. 90/2022, 2022-10-21, 82.20 (also of 2022-11-01); No. 02/2023, 2023-01-06, 81.95;
 *       No. 05/2023, 2023-01-20, 80.55 (also of 2023-02-01); No. 64/2023, 2023-09-07, 82.20; No. 24/2024,
 *       2024-03-27, 82.25 (also of 2024-04-01); No. 40/2024, 2024-06-07, 82.60. A 1st's figure is the
 *       notification's before it when the next notification is known to take effect after that 1st (No. 92/2022
 *       from 2022-11-04) or, notifications being dated the 1st and 3rd Thursday, cannot take effect before it.</li>
 *   <li>Every other figure up to 2025-11-01 is an estimate, not a notified rate: the USD/INR market rate around
 *       the previous month's third Thursday less 0.85, rounded to 0.05 (the verified notifications sit 0.7 to
 *       1.05 below the market). Expect errors of up to about a rupee, and the rates of notifications between two
 *       1sts are missing.</li>
 * </ul>
 * Each line's {@code source} says which of these it is: the notification it was read in, or "estimate".
 * No figure is given after 2025-11-01, so its rate stays in force until real rates are sent.
 * To correct them, send the notified rates with {@code ./odop-pulse import --type fx-rates}: a rate for the same
 * currency and day replaces the bundled one, and a bundled 1st stays in force until the next day that has a rate,
 * so send the rate in force on each bundled 1st as well as those of the notification days.
 */
public final class ReferenceDataSeeder {
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataSeeder.class);

    /** The bundled USD rates; see the class comment for where they come from. */
    static final String FX_RATES_RESOURCE = "/reference/fx-rates.ndjson";
    /** How many times the reference data is sent, each time with a new producer, before start-up fails. */
    static final int ATTEMPTS = 3;

    private ReferenceDataSeeder() {}

    /** The bundled reference data, as NDJSON lines per type, in the order they are loaded. */
    public static Map<RecordType, String> bundled() {
        Map<RecordType, String> data = new LinkedHashMap<>();
        data.put(RecordType.DISTRICTS, resource("/reference/districts.ndjson"));
        data.put(RecordType.PRODUCTS, resource("/reference/products.ndjson"));
        data.put(RecordType.FX_RATES, resource(FX_RATES_RESOURCE));
        return data;
    }

    /** Loads the bundled data of each reference topic that is still empty. */
    static void seedIfEmpty(Admin admin, ProducerFactory producers, PulseSerdes serdes) throws ExecutionException, InterruptedException {
        Map<RecordType, String> empty = new LinkedHashMap<>();
        for (var e : bundled().entrySet()) {
            TopicPartition tp = new TopicPartition(e.getKey().topic().name(), 0);
            if (admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset() == 0) {
                empty.put(e.getKey(), e.getValue());
            }
        }
        if (!empty.isEmpty()) load(producers, serdes, empty, message -> log.warn("{}", message));
    }

    /** Makes a producer with the given settings (the caller's cluster settings already applied). */
    @FunctionalInterface
    public interface ProducerFactory {
        Producer<byte[], byte[]> create(Properties overrides);
    }

    /** Ingest producers ({@link StreamsSettings#producer}) of a cluster, with the given settings on top. */
    public static ProducerFactory producers(String bootstrapServers, KafkaClientConfig kafka) {
        return overrides -> {
            Properties p = StreamsSettings.producer(bootstrapServers, kafka);
            p.putAll(overrides);
            return new KafkaProducer<>(p);
        };
    }

    /**
     * Sends the reference lines of each type to its topic, trying again with a new producer when Kafka does not
     * acknowledge them in time. Why: the first records written to a partition just created are, rarely, never
     * acknowledged (seen on the embedded broker: the idempotent producer's first batch is appended, then its retry
     * is refused as out of order until the delivery timeout). A producer of its own, with short timeouts, keeps
     * such a start-up to seconds; the reference topics are compacted by code, so a record sent twice changes nothing.
     *
     * @param onRetry told why an attempt failed, before the next one
     * @throws IngestFailedException if the last attempt fails too
     */
    public static void load(ProducerFactory producers, PulseSerdes serdes, Map<RecordType, String> ndjsonByType,
                            Consumer<String> onRetry) {
        Properties timeouts = new Properties();
        timeouts.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        timeouts.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        for (int attempt = 1; ; attempt++) {
            try (Producer<byte[], byte[]> producer = producers.create(timeouts)) {
                IngestService ingest = new IngestService(producer, serdes, DeadLetterCounter.NONE);
                ndjsonByType.forEach((type, ndjson) -> {
                    IngestResult r = ingest.ingest(type, new LineReader(new BufferedReader(new StringReader(ndjson)),
                            InputFormat.NDJSON).start());
                    if (!r.rejected().isEmpty()) throw new IllegalStateException("reference data refused: " + r.rejected());
                    log.info("Loaded {} {} into {}", r.accepted(), type.pathName(), type.topic().name());
                });
                return;
            } catch (IngestFailedException e) {
                if (attempt == ATTEMPTS) throw e;
                onRetry.accept("loading the reference data failed (" + e.getMessage() + "); trying again");
            }
        }
    }

    private static String resource(String name) {
        try (var in = ReferenceDataSeeder.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("bundled " + name + " is missing");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text : text + "\n"; // so that more lines may follow
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read bundled " + name, e);
        }
    }
}

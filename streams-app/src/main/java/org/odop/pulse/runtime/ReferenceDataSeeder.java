package org.odop.pulse.runtime;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
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
final class ReferenceDataSeeder {
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataSeeder.class);

    /** The bundled USD rates; see the class comment for where they come from. */
    static final String FX_RATES_RESOURCE = "/reference/fx-rates.ndjson";

    private ReferenceDataSeeder() {}

    static void seedIfEmpty(Admin admin, IngestService ingest) throws ExecutionException, InterruptedException {
        seed(admin, ingest, RecordType.DISTRICTS, "/reference/districts.ndjson");
        seed(admin, ingest, RecordType.PRODUCTS, "/reference/products.ndjson");
        seed(admin, ingest, RecordType.FX_RATES, FX_RATES_RESOURCE);
    }

    private static void seed(Admin admin, IngestService ingest, RecordType type, String resource)
            throws ExecutionException, InterruptedException {
        TopicPartition tp = new TopicPartition(type.topic().name(), 0);
        long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        if (end > 0) return;
        try (var in = ReferenceDataSeeder.class.getResourceAsStream(resource)) {
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            IngestResult r = ingest.ingest(type, new LineReader(reader, InputFormat.NDJSON).start());
            if (!r.rejected().isEmpty()) throw new IllegalStateException("bundled " + resource + " is invalid: " + r.rejected());
            log.info("Loaded {} default {} into {}", r.accepted(), type.pathName(), tp.topic());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read bundled " + resource, e);
        }
    }
}

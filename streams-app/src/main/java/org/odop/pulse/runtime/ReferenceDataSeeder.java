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
 * the ODOP sources name) into a reference topic that is still empty, so a first run has names and states.
 */
final class ReferenceDataSeeder {
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataSeeder.class);

    private ReferenceDataSeeder() {}

    static void seedIfEmpty(Admin admin, IngestService ingest) throws ExecutionException, InterruptedException {
        seed(admin, ingest, RecordType.DISTRICTS, "/reference/districts.ndjson");
        seed(admin, ingest, RecordType.PRODUCTS, "/reference/products.ndjson");
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

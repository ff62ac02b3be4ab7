package org.odop.pulse.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;
import org.odop.pulse.config.Topics;

/**
 * The district and product codes the reference topics hold now, read to their end as the pipeline's global
 * tables read them: the latest record per key, a tombstone removes the code, and a value that cannot be read
 * changes nothing (the pipeline parks it and keeps what it had).
 */
public record ReferenceCodes(Set<String> districts, Set<String> products) {

    public static ReferenceCodes read(Consumer<byte[], byte[]> consumer, Deserializer<District> districts,
                                      Deserializer<Product> products) {
        return new ReferenceCodes(codes(consumer, Topics.DISTRICTS.name(), districts),
                codes(consumer, Topics.PRODUCTS.name(), products));
    }

    private static Set<String> codes(Consumer<byte[], byte[]> consumer, String topic, Deserializer<?> deserializer) {
        Set<String> codes = new HashSet<>();
        DeadLetterTopicReader.forEach(consumer, topic, r -> {
            if (r.key() == null) return;
            String code = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                codes.remove(code);
                return;
            }
            try {
                if (deserializer.deserialize(topic, r.headers(), r.value()) != null) codes.add(code);
            } catch (RuntimeException unreadable) {
                // Left as it was, as in the pipeline's global table.
            }
        });
        return codes;
    }
}

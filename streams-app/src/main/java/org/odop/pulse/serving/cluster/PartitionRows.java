package org.odop.pulse.serving.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measure rows read from some store partitions, tagged with where they came from, so that rows
 * gathered from several instances can be merged exactly once per store partition.
 *
 * @param served the store partitions read, as {@code store:partition}
 */
public record PartitionRows(List<String> served, List<Row> rows) {
    /** @param values the measures the store keeps, by their catalogue name (money in paise) */
    public record Row(String store, int partition, String district, String product, Map<String, Long> values) {
        public String storePartition() {
            return StorePartition.of(store, partition);
        }
    }

    public static PartitionRows empty() {
        return new PartitionRows(new ArrayList<>(), new ArrayList<>());
    }
}

package org.odop.pulse.serving.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Measure rows read from some store partitions, tagged with where they came from, so that rows
 * gathered from several instances can be merged exactly once per store partition.
 *
 * @param served the store partitions read, as {@code store:partition}
 */
public record PartitionRows(List<String> served, List<Row> rows) {
    public record Row(String store, int partition, String district, String product,
                      long loiCount, long loiValuePaise, long exportShipments, long exportValuePaise,
                      long loiLinkedExportValuePaise, long ecommerceOrders, long ecommerceGmvPaise) {
        public String storePartition() {
            return StorePartition.of(store, partition);
        }
    }

    public static PartitionRows empty() {
        return new PartitionRows(new ArrayList<>(), new ArrayList<>());
    }
}

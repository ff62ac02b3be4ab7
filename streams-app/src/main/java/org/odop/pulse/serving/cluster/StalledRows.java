package org.odop.pulse.serving.cluster;

import java.util.List;

/** Stalled shipments read from some partitions of the open-shipments store, tagged with their partition. */
public record StalledRows(List<String> served, List<Row> rows) {
    public record Row(String storePartition, String shipmentId, String districtCode, String productCode, String stage,
                      long sinceMillis) {}
}

package org.odop.pulse.bench;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How big the pipeline's state is, store by store, as RocksDB itself estimates it (Kafka Streams' RocksDB property
 * metrics, KIP-607): keys, and bytes in live SST files plus memtables. Summed over the tasks of every instance.
 *
 * @param byStore store name to its keys and bytes
 */
record StateSizes(Map<String, Size> byStore) {
    private static final String GROUP = "stream-state-metrics";

    /**
     * @param keys          RocksDB's estimate of the keys (overwritten and deleted keys count until compaction)
     * @param sstBytes      live SST files: the state written out, what grows with the data
     * @param memtableBytes memtables, flushed at every commit: mostly the arena blocks each open memtable reserves
     */
    record Size(long keys, long sstBytes, long memtableBytes) {
        Size plus(Size o) {
            return new Size(keys + o.keys, sstBytes + o.sstBytes, memtableBytes + o.memtableBytes);
        }

        /** SST files and memtables per key: an upper bound while little is flushed (memtables reserve whole blocks). */
        double bytesPerKey() {
            return keys == 0 ? 0 : (double) (sstBytes + memtableBytes) / keys;
        }
    }

    static StateSizes of(Iterable<? extends Map<MetricName, ? extends Metric>> instancesMetrics) {
        Map<String, Size> byStore = new TreeMap<>();
        for (Map<MetricName, ? extends Metric> metrics : instancesMetrics) {
            metrics.forEach((name, metric) -> {
                if (!GROUP.equals(name.group())) return;
                String store = store(name);
                if (store == null) return;
                long v = value(metric);
                Size s = switch (name.name()) {
                    case "estimate-num-keys" -> new Size(v, 0, 0);
                    case "live-sst-files-size" -> new Size(0, v, 0);
                    case "cur-size-all-mem-tables" -> new Size(0, 0, v);
                    default -> null;
                };
                if (s != null) byStore.merge(store, s, Size::plus);
            });
        }
        return new StateSizes(byStore);
    }

    Size total() {
        return byStore.values().stream().reduce(new Size(0, 0, 0), Size::plus);
    }

    /** The store a RocksDB metric is about: its state id tag (key-value, window or session store). */
    private static String store(MetricName name) {
        for (var tag : name.tags().entrySet()) {
            if (tag.getKey().startsWith("rocksdb-") && tag.getKey().endsWith("-state-id")) return tag.getValue();
        }
        return null;
    }

    private static long value(Metric m) {
        Object v = m.metricValue();
        return v instanceof Number n && !Double.isNaN(n.doubleValue()) ? Math.max(0, n.longValue()) : 0;
    }
}

package org.odop.pulse.runtime;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Keeps the off-heap memory of all of an instance's RocksDB stores within one budget ({@code --rocksdb-memory-mb}), as
 * in Kafka Streams' "Bounding memory usage": every store reads through one shared LRU block cache, which holds their
 * index and filter blocks too, and one shared {@link WriteBufferManager} charges their memtables to that same cache.
 * Left alone, Kafka Streams gives each store (each partition of it on this instance, active or standby, and each
 * segment of a windowed one) its own 50 MiB block cache and up to three 16 MiB memtables, so memory grows with the
 * number of tasks an instance holds: more partitions, a rebalance or a standby moving in can push a pod past its limit.
 *
 * <p>Kafka Streams makes an instance of this class for every store it opens ({@code rocksdb.config.setter}). The
 * shared cache and write buffer manager are a {@link Budget} that the application makes once, hands over in the
 * Streams configuration ({@link #BUDGET_CONFIG}) and closes after Kafka Streams has closed its stores.
 *
 * <p>The bound is RocksDB's, not a hard one: the cache is not strict (a block is read even when the cache is full),
 * and iterators pin the blocks they read. Count some slack beside it (see deploy/k8s/statefulset.yaml).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** The Streams configuration entry holding this instance's {@link Budget}. */
    public static final String BUDGET_CONFIG = "odop.rocksdb.memory.budget";
    /** The smallest budget accepted: below it the memtables of a few stores fill it and everything is flushed at once. */
    public static final long MIN_BYTES = 32L * 1024 * 1024;
    /** The memtables (writes not yet flushed to files) may take up to this share of the budget; the rest caches reads. */
    static final double WRITE_BUFFER_SHARE = 0.5;
    /** Share of the cache kept for index and filter blocks, so a scan of data blocks cannot evict them all. */
    static final double INDEX_FILTER_SHARE = 0.1;
    /** Each store's memtable size: the unit of a flush. */
    static final long MEMTABLE_BYTES = 1024L * 1024;
    /** Memtables per store: one being written, one being flushed. */
    static final int MEMTABLES = 2;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Budget budget = budget(configs);
        // Kafka Streams' own table config (its subclass lets its metrics read the cache): changed, not replaced.
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(budget.cache());
        // Index and filter blocks in the cache, counted in the budget, rather than held beside it for every open file.
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(budget.writeBuffers());
        // Small memtables, as "Bounding memory usage" sets them: an instance holds a couple of hundred stores (33 per
        // partition set), and each open memtable reserves its first arena block (an eighth of the write buffer) at
        // once. With Kafka Streams' 16 MiB write buffers those reservations alone exceeded the write buffer manager's
        // share, so it flushed on nearly every write: the bench's stream threads stalled in RocksDB puts behind
        // flushes and compactions (300,000 events not processed after 8 minutes; see the README's Performance).
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(MEMTABLES);
    }

    @Override
    public void close(String storeName, Options options) {
        // Nothing of this store's to close: setConfig makes no RocksDB object per store (Kafka Streams closes the options
        // and the table config's filter itself). The cache and the write buffer manager serve every store of the
        // instance; the application closes its Budget once Kafka Streams has closed.
    }

    private static Budget budget(Map<String, Object> configs) {
        if (configs.get(BUDGET_CONFIG) instanceof Budget b) return b.open();
        throw new ConfigException(BUDGET_CONFIG, configs.get(BUDGET_CONFIG),
                "rocksdb.config.setter " + BoundedRocksDbMemory.class.getName() + " needs the instance's "
                        + Budget.class.getName() + " in the Streams configuration");
    }

    /** One instance's RocksDB memory: the block cache every store shares, and the memtables' share of it. */
    public static final class Budget implements AutoCloseable {
        private final long bytes;
        private final LRUCache cache;
        private final WriteBufferManager writeBuffers;
        private volatile boolean closed;

        /** @param bytes the whole budget: block cache, index and filter blocks, and memtables (at least {@link #MIN_BYTES}) */
        public Budget(long bytes) {
            if (bytes < MIN_BYTES) {
                throw new IllegalArgumentException("RocksDB memory must be at least " + MIN_BYTES / (1024 * 1024)
                        + " MiB, got " + bytes + " bytes");
            }
            RocksDB.loadLibrary();
            this.bytes = bytes;
            // Not strict: a read still succeeds when the cache is full of pinned blocks, rather than failing the store.
            this.cache = new LRUCache(bytes, -1, false, INDEX_FILTER_SHARE);
            this.writeBuffers = new WriteBufferManager((long) (bytes * WRITE_BUFFER_SHARE), cache);
        }

        public long bytes() {
            return bytes;
        }

        /** Bytes in use now: cached blocks and the memtables charged to the cache. */
        public long usage() {
            return open().cache.getUsage();
        }

        Cache cache() {
            return cache;
        }

        WriteBufferManager writeBuffers() {
            return writeBuffers;
        }

        private Budget open() {
            // A closed cache's native memory is gone: a store opened with it would crash the JVM, not fail.
            if (closed) throw new IllegalStateException("the RocksDB memory budget is closed");
            return this;
        }

        /** Frees the cache and the write buffer manager; only once no store of this instance is open. */
        @Override
        public void close() {
            if (closed) return;
            closed = true;
            writeBuffers.close();
            cache.close();
        }

        @Override
        public String toString() {
            return "RocksDB memory budget of " + bytes / (1024 * 1024) + " MiB";
        }
    }
}

package org.odop.pulse.topology.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeIndexTest {
    private final CountingStore counts = new CountingStore();
    private final KeyValueStore<String, String> store =
            new MockStores(new MockProcessorContext<>()).add("index", Serdes.String(), counts);
    private final TimeIndex index = new TimeIndex(counts.wrap(store));

    @Test
    @DisplayName("before(cutoff) gives the entries strictly before it, oldest first, reading nothing else")
    void strictlyBeforeInTimeOrder() {
        index.put("", 1_000L, "late");
        index.put("", 999L, "b");
        index.put("", 999L, "a");
        index.put("", 99L, "early"); // fewer digits: order must still be time order
        index.put("", 10_000_000_000_000L, "far");

        assertThat(index.before("", 999)).extracting(TimeIndex.Entry::id).containsExactly("early");
        counts.reset();
        assertThat(index.before("", 1_000)).extracting(TimeIndex.Entry::id).containsExactly("early", "a", "b");
        assertThat(counts.entriesRead).as("entries read from the store").isEqualTo(3);
        assertThat(index.before("", 1_001)).extracting(TimeIndex.Entry::time).containsExactly(99L, 999L, 999L, 1_000L);
        assertThat(index.before("", Long.MAX_VALUE)).hasSize(5);
        assertThat(index.before("", 0)).isEmpty();
    }

    @Test
    @DisplayName("removing an entry takes it out; ids may hold any character, the separator too")
    void removeAndOddIds() {
        index.put("", 5L, "x|12|y");
        index.put("", 5L, "पुलवामा-१");
        index.put("", 5L, "\uD83D\uDE9A}~");
        assertThat(index.before("", 6)).extracting(TimeIndex.Entry::id)
                .containsExactly("x|12|y", "पुलवामा-१", "\uD83D\uDE9A}~"); // ids in byte order within one time
        index.remove(index.before("", 6).get(1));
        index.remove("", 5L, "x|12|y");
        assertThat(index.before("", 6)).extracting(TimeIndex.Entry::id).containsExactly("\uD83D\uDE9A}~");
    }

    @Test
    @DisplayName("groups are read apart, with their own cutoffs; the built mark and ungrouped entries are in no group")
    void groupsAreDisjoint() {
        index.put("A", 10L, "a1");
        index.put("A-B", 10L, "ab1");
        index.put("AB", 10L, "ab2");
        index.put("", 10L, "none");
        KeyValueStore<String, Long> empty = new MockStores(new MockProcessorContext<>()).add("empty", Serdes.Long());
        assertThat(index.buildSlice(empty, 10, (id, t) -> index.put("", t, id))).isTrue();

        assertThat(index.before("A", 11)).extracting(TimeIndex.Entry::id).containsExactly("a1");
        assertThat(index.before("A-B", 11)).extracting(TimeIndex.Entry::id).containsExactly("ab1");
        assertThat(index.before("AB", 11)).extracting(TimeIndex.Entry::id).containsExactly("ab2");
        assertThat(index.isBuilt()).isTrue();
        assertThat(index.before("", Long.MAX_VALUE)).extracting(TimeIndex.Entry::id).containsExactly("none");
        assertThatThrownBy(() -> index.put("1A", 1L, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.put("A/B", 1L, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a time before 1970 is indexed as 1970 and can still be removed by its own time")
    void negativeTimes() {
        index.put("", -5_000L, "old");
        assertThat(index.before("", 1)).extracting(TimeIndex.Entry::id).containsExactly("old");
        index.remove("", -5_000L, "old");
        assertThat(index.before("", 1)).isEmpty();
        assertThat(index.isBuilt()).isFalse();
    }

    @Test
    @DisplayName("built from its indexed store a slice at a time, resuming after the last key even if it is gone")
    void buildInSlices() {
        CountingStore indexedReads = new CountingStore();
        KeyValueStore<String, Long> source = indexedReads.wrap(new MockStores(new MockProcessorContext<>()).add("indexed", Serdes.Long()));
        for (int i = 0; i < 25; i++) source.put(String.format("id-%02d", i), 1_000L + i);

        assertThat(index.buildSlice(source, 10, (id, t) -> index.put("", t, id))).isFalse();
        assertThat(index.before("", Long.MAX_VALUE)).hasSize(10);
        assertThat(indexedReads.entriesRead).as("one slice, and a look at the next entry").isEqualTo(10);
        assertThat(indexedReads.fullScans).isZero();
        assertThat(index.isBuilt()).isFalse();

        source.delete("id-09"); // the last one indexed: its entry goes with it, as its owner would do
        index.remove("", 1_009L, "id-09");
        indexedReads.reset();
        assertThat(index.buildSlice(source, 10, (id, t) -> index.put("", t, id))).isFalse();
        assertThat(indexedReads.entriesRead).isEqualTo(10);
        assertThat(index.buildSlice(source, 10, (id, t) -> index.put("", t, id))).isTrue();
        assertThat(index.isBuilt()).isTrue();
        assertThat(index.before("", Long.MAX_VALUE)).extracting(TimeIndex.Entry::id).hasSize(24).doesNotContain("id-09");
        assertThat(index.buildSlice(source, 10, (id, t) -> { throw new AssertionError("built already"); })).isTrue();
    }

    @Test
    @DisplayName("parse reads back the group, time and id of every key, and nothing from the index's own marks")
    void parseReadsKeysBack() {
        index.put("AT_PORT", 42L, "SH|1/x");
        index.put("", 7L, "a/b|c");
        KeyValueStore<String, Long> empty = new MockStores(new MockProcessorContext<>()).add("empty", Serdes.Long());
        assertThat(index.buildSlice(empty, 10, (id, t) -> { })).isTrue();

        java.util.List<TimeIndex.Entry> parsed = new java.util.ArrayList<>();
        int marks = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                String key = it.next().key;
                if (TimeIndex.isBuiltMark(key)) marks++;
                TimeIndex.parse(key).ifPresent(parsed::add);
            }
        }
        assertThat(parsed).containsExactly(new TimeIndex.Entry("", 7L, "a/b|c"), new TimeIndex.Entry("AT_PORT", 42L, "SH|1/x"));
        assertThat(marks).isEqualTo(1);
        assertThat(TimeIndex.parse("~built-up-to")).isEmpty();
    }
}

package org.odop.pulse.serving.cluster;

/** A store partition named as {@code store:partition}, the unit in which answers are gathered. */
public final class StorePartition {
    private StorePartition() {}

    public static String of(String store, int partition) {
        return store + ":" + partition;
    }

    public static String store(String storePartition) {
        return storePartition.substring(0, storePartition.lastIndexOf(':'));
    }

    public static int partition(String storePartition) {
        return Integer.parseInt(storePartition.substring(storePartition.lastIndexOf(':') + 1));
    }
}

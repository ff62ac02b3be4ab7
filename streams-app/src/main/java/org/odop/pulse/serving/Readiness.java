package org.odop.pulse.serving;

import org.odop.pulse.store.StoreUnavailableException;
import org.odop.pulse.store.MeasureStoreNames;
import org.odop.pulse.store.LocalStores;
import org.apache.kafka.streams.KafkaStreams;

/** Ready only once the streams are RUNNING and the stores answer queries. */
public final class Readiness {
    public record Status(boolean ready, String detail) {}

    private final KafkaStreams streams;
    private final LocalStores stores;

    public Readiness(KafkaStreams streams, LocalStores stores) {
        this.streams = streams;
        this.stores = stores;
    }

    public Status check() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) return new Status(false, "streams " + state);
        try {
            stores.district("");
            stores.requireQueryable(MeasureStoreNames.ALL);
            return new Status(true, "streams RUNNING, stores queryable");
        } catch (StoreUnavailableException e) {
            return new Status(false, e.getMessage());
        }
    }
}

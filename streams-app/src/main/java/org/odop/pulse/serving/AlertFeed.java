package org.odop.pulse.serving;

import java.util.List;
import java.util.function.Consumer;

/** Shipment alerts as they are read: the most recent ones, and each new one to whoever listens. */
public interface AlertFeed {
    /** The most recent alerts, oldest first. */
    List<AlertView> recentAlerts();

    /** {@code listener} gets every alert read from now on; close the result to stop. */
    AutoCloseable subscribe(Consumer<AlertView> listener);
}

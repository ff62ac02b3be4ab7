package org.odop.pulse.topology.common;

import java.util.Optional;

/** Checks a decoded event before it is counted: producers other than ours may write anything. */
@FunctionalInterface
public interface EventCheck<V> {
    Optional<Violation> check(String key, V value);
}

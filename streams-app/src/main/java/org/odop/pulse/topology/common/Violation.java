package org.odop.pulse.topology.common;

import org.odop.pulse.deadletter.DeadLetterReason;

/** Why a record read from a topic cannot be counted. */
public record Violation(DeadLetterReason reason, String detail) {}

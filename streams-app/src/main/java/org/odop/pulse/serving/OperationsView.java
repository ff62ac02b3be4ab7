package org.odop.pulse.serving;

import java.util.List;

/**
 * GET /api/v1/operations: the pipeline as operations staff watch it: this instance and its Kafka Streams state,
 * the instances of the application, this instance's consumer lag, the dead-letter topic by reason and the number of
 * stalled shipments.
 */
public record OperationsView(String instance, String streamsState, List<String> instances, long consumerLag,
                             DeadLetters deadLetters, int stalledShipments) {

    public record DeadLetters(long total, List<ReasonCount> byReason) {}

    public record ReasonCount(String reason, long count) {}
}

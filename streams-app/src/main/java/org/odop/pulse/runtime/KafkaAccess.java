package org.odop.pulse.runtime;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/** Turns a refused connection to Kafka into a message an operator can act on, instead of a stack trace. */
public final class KafkaAccess {
    private KafkaAccess() {}

    /** Kafka refused this client: the message says where, how it connected, and what to check. */
    public static final class RefusedException extends IllegalStateException {
        RefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * An {@link IllegalStateException} naming the listener, the security protocol and the SASL mechanism when
     * {@code e} was caused by failed authentication (or missing authorization); otherwise {@code e} itself, as an
     * unchecked exception if it was checked.
     */
    public static RuntimeException explain(Throwable e, String bootstrap, KafkaClientConfig kafka) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException) {
                return new RefusedException("Kafka at " + bootstrap + " refused to authenticate this client ("
                        + kafka.securityDescription() + "): " + t.getMessage()
                        + ". Check the credentials in --kafka-config.", t);
            }
            if (t instanceof AuthorizationException) {
                return new RefusedException("Kafka at " + bootstrap + " (" + kafka.securityDescription()
                        + ") denied this client: " + t.getMessage() + ". Check the ACLs of its principal.", t);
            }
        }
        if (e instanceof RuntimeException r) return r;
        if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        return new IllegalStateException(e.getMessage(), e);
    }
}

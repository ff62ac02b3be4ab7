package org.odop.pulse.security;

import io.javalin.security.RouteRole;

/** Who may call a route: each route of the HTTP API declares exactly one. */
public enum Access implements RouteRole {
    /** Anyone: health checks. */
    OPEN,
    /** Keys with the read role, or anyone with --public-read. */
    READ,
    /** Keys with the read role, or anyone with --public-read or --public-metrics. */
    METRICS,
    /** Keys with the role the record type in the path needs: ingest for events, reference for reference data. */
    INGEST,
    /** Other instances of the application only: requests signed with the cluster secret; API keys do not count. */
    INTERNAL
}

package org.odop.pulse.security;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Map;
import java.util.Set;
import org.odop.pulse.ingest.RecordType;

/**
 * Decides, before a matched route's handler runs, whether the request may go on: from the route's {@link Access},
 * the bearer API key and its role, or the cluster signature for the internal API. A route without an {@link Access}
 * is refused (fail closed). Refusals are thrown as {@link AccessDenied}; messages say which role is needed, never
 * whether a key exists.
 */
public final class AccessControl {
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final ClusterSecret clusterSecret;
    private final boolean publicRead;
    private final boolean publicMetrics;
    private final FailureLimiter failures;

    public AccessControl(ApiKeys keys, ClusterSecret clusterSecret, boolean publicRead, boolean publicMetrics,
                         FailureLimiter failures) {
        this.keys = keys;
        this.clusterSecret = clusterSecret;
        this.publicRead = publicRead;
        this.publicMetrics = publicMetrics;
        this.failures = failures;
    }

    public void install(RoutesConfig routes) {
        routes.beforeMatched(this::check);
    }

    void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.size() != 1 || !(roles.iterator().next() instanceof Access access)) {
            throw new AccessDenied(403, "this route has no access rule", Map.of());
        }
        switch (access) {
            case OPEN -> { }
            case READ -> requireKey(ctx, Role.READ, publicRead);
            case METRICS -> requireKey(ctx, Role.READ, publicRead || publicMetrics);
            case INGEST -> requireKey(ctx, RecordType.fromPathName(ctx.pathParam("type")).map(Role::toIngest)
                    .orElse(Role.INGEST), false);
            case INTERNAL -> requireSignature(ctx);
        }
    }

    private void requireKey(Context ctx, Role needed, boolean open) {
        if (open) return;
        String message = "this needs an API key with the '" + needed.label() + "' role (or admin): send Authorization: Bearer <key>";
        refuseIfLimited(ctx);
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AccessDenied(401, message, Map.of("WWW-Authenticate", "Bearer"));
        }
        var role = keys.authenticate(header.substring(BEARER.length()).trim());
        if (role.isEmpty()) {
            failures.failed(ctx.ip());
            throw new AccessDenied(401, message, Map.of("WWW-Authenticate", "Bearer"));
        }
        if (!role.get().grants(needed)) {
            throw new AccessDenied(403, "this needs the '" + needed.label() + "' role (or admin)", Map.of());
        }
    }

    /**
     * Answers a request to the internal API (already verified) with {@code value} as JSON, signed with the cluster
     * secret over the request's signature and the body ({@link ClusterSecret#signAnswer}).
     */
    public void answerInternal(Context ctx, Object value) {
        String body;
        try {
            body = org.odop.pulse.serving.Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the internal answer", e);
        }
        ctx.header(ClusterSecret.HEADER, clusterSecret.signAnswer(ctx.header(ClusterSecret.HEADER), body))
                .contentType("application/json").result(body);
    }

    private void requireSignature(Context ctx) {
        refuseIfLimited(ctx);
        String query = ctx.queryString();
        String pathAndQuery = ctx.path() + (query == null ? "" : "?" + query);
        if (!clusterSecret.verify(ctx.method().name(), pathAndQuery, ctx.header(ClusterSecret.HEADER))) {
            failures.failed(ctx.ip());
            throw new AccessDenied(401, "the internal API answers only other instances of the application: requests "
                    + "signed with the cluster secret", Map.of());
        }
    }

    private void refuseIfLimited(Context ctx) {
        long retryAfter = failures.retryAfterSeconds(ctx.ip());
        if (retryAfter > 0) {
            throw new AccessDenied(429, "too many failed attempts from this address: try again later",
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }
}

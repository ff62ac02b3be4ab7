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
    /**
     * The web app's session cookie: the API key a user signed in with, HttpOnly (no script reads it) and
     * SameSite=Strict (no other site's page sends it). It stands for the key on GET requests only, so no form
     * another site posts can use it, and the key never reaches the page's scripts.
     */
    public static final String SESSION_COOKIE = "odop_key";

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
        String presented = presentedKey(ctx);
        if (presented == null) throw new AccessDenied(401, message, Map.of("WWW-Authenticate", "Bearer"));
        var role = keys.authenticate(presented);
        if (role.isEmpty()) {
            failures.failed(ctx.ip());
            throw new AccessDenied(401, message, Map.of("WWW-Authenticate", "Bearer"));
        }
        if (!role.get().grants(needed)) {
            throw new AccessDenied(403, "this needs the '" + needed.label() + "' role (or admin)", Map.of());
        }
    }

    /** The bearer key of the Authorization header, else on a GET the session cookie's; null when there is none. */
    private static String presentedKey(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            return header.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? header.substring(BEARER.length()).trim() : null;
        }
        if (ctx.method() != io.javalin.http.HandlerType.GET) return null;
        String cookie = ctx.cookie(SESSION_COOKIE);
        return cookie == null || cookie.isBlank() ? null : cookie;
    }

    /**
     * POST /session (the web app's sign-in form, {@code key=...}): a valid key is kept in the session cookie and
     * the browser is sent on to {@code next} (a path of this server) or {@code /}; anything else is sent to
     * {@code /?signin=failed} and counts as a failed attempt. A form from another origin is refused.
     */
    public void signIn(Context ctx) {
        refuseForeignOrigin(ctx);
        refuseIfLimited(ctx);
        String key = ctx.formParam("key");
        var role = key == null || key.isBlank() ? java.util.Optional.<Role>empty() : keys.authenticate(key.trim());
        if (role.isEmpty()) {
            if (key != null && !key.isBlank()) failures.failed(ctx.ip());
            ctx.redirect("/?signin=failed", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        ctx.header("Set-Cookie", SESSION_COOKIE + "=" + key.trim() + "; Path=/; HttpOnly; SameSite=Strict"
                + (isHttps(ctx) ? "; Secure" : ""));
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(localPath(ctx.formParam("next")), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** POST /session/end: forgets the session cookie. */
    public void signOut(Context ctx) {
        refuseForeignOrigin(ctx);
        ctx.header("Set-Cookie", expiredCookie(ctx));
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static String expiredCookie(Context ctx) {
        return SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (isHttps(ctx) ? "; Secure" : "");
    }

    /**
     * GET /api/v1/session: whether the request carries a valid key (header or cookie), its role, and whether reading
     * is public. A key that is not accepted counts as a failed attempt, as on any other route, and an address that has
     * failed too often is refused with 429 (so this is no oracle for guessing keys); a session cookie holding such a
     * key is forgotten, so a page does not present it again.
     */
    public Map<String, Object> session(Context ctx) {
        refuseIfLimited(ctx);
        String presented = presentedKey(ctx);
        var role = presented == null ? java.util.Optional.<Role>empty() : keys.authenticate(presented);
        if (presented != null && role.isEmpty()) {
            failures.failed(ctx.ip());
            if (ctx.header("Authorization") == null) ctx.header("Set-Cookie", expiredCookie(ctx));
        }
        var answer = new java.util.LinkedHashMap<String, Object>();
        answer.put("signedIn", role.isPresent());
        answer.put("role", role.map(Role::label).orElse(null));
        answer.put("publicRead", publicRead);
        return answer;
    }

    private static boolean isHttps(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme());
    }

    /** {@code next} when it is a path of this server ({@code /...}, not {@code //host}), else {@code /}. */
    public static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }

    /**
     * Refuses another site's form (login CSRF). A browser says where a post comes from: {@code Sec-Fetch-Site}
     * (which no page can set) when it sends it, else {@code Origin}, which must name this host (a browser may
     * send {@code Origin: null} under {@code Referrer-Policy: no-referrer}; only Sec-Fetch-Site can vouch for that).
     */
    private static void refuseForeignOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null) {
            if (site.equalsIgnoreCase("same-origin")) return;
            throw new AccessDenied(403, "sign-in forms are accepted only from this server's own pages", Map.of());
        }
        String origin = ctx.header("Origin");
        if (origin == null) return; // not a browser, or a same-origin request that sent none
        String host = ctx.header("Host");
        try {
            java.net.URI o = java.net.URI.create(origin);
            String originHost = o.getHost() + (o.getPort() == -1 ? "" : ":" + o.getPort());
            if (host != null && (host.equalsIgnoreCase(originHost) || host.equalsIgnoreCase(o.getHost()))) return;
        } catch (IllegalArgumentException e) {
            // a malformed Origin is refused below
        }
        throw new AccessDenied(403, "sign-in forms are accepted only from this server's own pages", Map.of());
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

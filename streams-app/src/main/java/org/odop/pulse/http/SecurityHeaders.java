package org.odop.pulse.http;

import io.javalin.config.JavalinConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The security headers on every HTTP answer of a Javalin server: the answers of its routes, its error and exception
 * handlers and its 404s (a before-handler, which runs ahead of route matching), and the errors Jetty writes itself
 * before a request reaches Javalin, such as a 431 for headers too large (the server's error handler).
 * No CORS headers: cross-origin reads are not allowed unless a server is configured for them, and none is.
 */
public final class SecurityHeaders {
    /** Only the page's own scripts, styles and images (and data: images); no plugins, no framing, no base rewrite. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** Header name to value, in the order they are written. */
    public static final Map<String, String> HEADERS;

    static {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        HEADERS = java.util.Collections.unmodifiableMap(h);
    }

    private SecurityHeaders() {}

    /** Adds the headers to every answer of the server {@code cfg} configures. */
    public static void install(JavalinConfig cfg) {
        cfg.routes.before(ctx -> HEADERS.forEach(ctx::header));
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new WithHeaders()));
    }

    /** Jetty's own error answers (a request it rejects before any handler sees it), with the headers. */
    private static final class WithHeaders extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
            return super.handle(request, response, callback);
        }
    }
}

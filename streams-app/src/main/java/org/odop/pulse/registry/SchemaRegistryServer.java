package org.odop.pulse.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.odop.pulse.http.SecurityHeaders;

/**
 * Serves a {@link SchemaRegistryClient} (normally an {@link InMemorySchemaRegistry}) over the Confluent Schema
 * Registry REST API, so tools and clients written for Confluent work against the embedded runtime. Avro only.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /**
     * The media types a write (POST, PUT, DELETE) may carry, as Confluent's. Anything else, among them the types a
     * cross-site HTML form can send without a preflight (form-urlencoded, multipart, text/plain), is refused with 415.
     */
    static final java.util.Set<String> WRITE_CONTENT_TYPES = java.util.Set.of(
            CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ERROR_WRITTEN = "schema-registry-error-written";

    private final SchemaRegistryClient registry;
    private final String host;
    private final int requestedPort;
    private final String contextPath;
    private final AtomicLong requests = new AtomicLong();
    private Javalin app;
    private boolean closed;

    /** A server on {@code host}:{@code port} (port 0 picks a free port) serving the API at the root path. */
    public SchemaRegistryServer(SchemaRegistryClient registry, String host, int port) {
        this(registry, host, port, "/");
    }

    /** As above, with the API under {@code contextPath} (e.g. "/apis/ccompat/v7"). */
    public SchemaRegistryServer(SchemaRegistryClient registry, String host, int port, String contextPath) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.requestedPort = port;
        this.contextPath = contextPath == null || contextPath.isBlank() ? "/" : contextPath;
    }

    /** Binds and starts serving; returns this for chaining. */
    public synchronized SchemaRegistryServer start() {
        if (closed) {
            throw new IllegalStateException("server closed");
        }
        if (app != null) {
            return this;
        }
        Javalin created = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.router.contextPath = contextPath;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.http.defaultContentType = CONTENT_TYPE;
            SecurityHeaders.install(cfg);
            routes(cfg.routes);
        });
        created.start(host, requestedPort);
        app = created;
        return this;
    }

    /** The bound port (the picked one if constructed with port 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("server not started");
        }
        return app.port();
    }

    /** Base URL for clients, e.g. http://127.0.0.1:8081 (plus the context path, if any). */
    public String url() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host; // IPv6 literal
        String path = "/".equals(contextPath) ? "" : contextPath.replaceAll("/+$", "");
        return "http://" + hostPart + ":" + port() + path;
    }

    /** Number of HTTP requests served so far; lets tests prove that client caches work. */
    public long requestCount() {
        return requests.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    private void routes(RoutesConfig routes) {
        routes.before(ctx -> requests.incrementAndGet());
        routes.before(SchemaRegistryServer::requireWriteContentType);

        routes.get("/", ctx -> json(ctx, 200, Map.of()));
        routes.get("/subjects", ctx -> json(ctx, 200, registry.subjects()));
        routes.get("/subjects/{subject}/versions", ctx -> json(ctx, 200, registry.versions(subject(ctx))));
        routes.get("/subjects/{subject}/versions/{version}",
                ctx -> json(ctx, 200, versionBody(version(ctx, subject(ctx)))));
        routes.get("/subjects/{subject}/versions/{version}/schema",
                ctx -> json(ctx, 200, MAPPER.readTree(version(ctx, subject(ctx)).schema().toString())));
        routes.post("/subjects/{subject}/versions",
                ctx -> json(ctx, 200, Map.of("id", registry.register(subject(ctx), schemaFromBody(ctx)))));
        routes.post("/subjects/{subject}", ctx -> {
            String subject = subject(ctx);
            Schema schema = schemaFromBody(ctx);
            registry.versions(subject); // 40401 if the subject is unknown, as Confluent
            RegisteredSchema found = registry.lookup(subject, schema)
                    .orElseThrow(() -> SchemaRegistryException.schemaNotFound(subject));
            json(ctx, 200, versionBody(found));
        });
        routes.get("/schemas/ids/{id}", ctx -> json(ctx, 200, Map.of("schema", registry.getById(id(ctx)).toString())));
        routes.post("/compatibility/subjects/{subject}/versions/{version}", ctx -> {
            String subject = subject(ctx);
            Schema schema = schemaFromBody(ctx);
            String version = ctx.pathParam("version");
            boolean compatible;
            if (isLatest(version)) {
                compatible = registry.isCompatible(subject, schema);
            } else {
                // A named version: check the subject's level directions against that version alone.
                RegisteredSchema against = registry.version(subject, parseVersion(version));
                compatible = AvroSchemas.incompatibilities(registry.getCompatibility(subject), schema,
                        against.schema()).isEmpty();
            }
            json(ctx, 200, Map.of("is_compatible", compatible));
        });
        routes.get("/config", ctx -> json(ctx, 200, Map.of("compatibilityLevel", registry.getCompatibility(null).name())));
        routes.put("/config", ctx -> json(ctx, 200, Map.of("compatibility", setLevel(ctx, null).name())));
        routes.get("/config/{subject}",
                ctx -> json(ctx, 200, Map.of("compatibilityLevel", registry.getCompatibility(subject(ctx)).name())));
        routes.put("/config/{subject}", ctx -> json(ctx, 200, Map.of("compatibility", setLevel(ctx, subject(ctx)).name())));

        routes.exception(SchemaRegistryException.class, (e, ctx) ->
                error(ctx, e.httpStatus() >= 400 ? e.httpStatus() : 500, e.errorCode(), e.getMessage()));
        routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 422, 422, e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, 500, "Internal error: " + e));
        // Unknown routes: Confluent-style JSON instead of Javalin's default body.
        routes.error(404, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) == null) {
                error(ctx, 404, 404, "HTTP 404 Not Found: " + ctx.method() + " " + ctx.path());
            }
        });
        routes.error(405, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) == null) {
                error(ctx, 405, 405, "HTTP 405 Method Not Allowed");
            }
        });
    }

    private static void requireWriteContentType(Context ctx) {
        String method = ctx.method().name();
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("DELETE")) {
            return;
        }
        String type = ctx.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!WRITE_CONTENT_TYPES.contains(mediaType)) {
            throw new SchemaRegistryException(415, 415, "HTTP 415 Unsupported Media Type: a write needs Content-Type "
                    + CONTENT_TYPE + " or application/json");
        }
    }

    private CompatibilityLevel setLevel(Context ctx, String subject) {
        JsonNode body = body(ctx);
        CompatibilityLevel level = CompatibilityLevel.parse(body.path("compatibility").asText(null));
        registry.setCompatibility(subject, level);
        return level;
    }

    private RegisteredSchema version(Context ctx, String subject) {
        String version = ctx.pathParam("version");
        return isLatest(version) ? registry.latest(subject) : registry.version(subject, parseVersion(version));
    }

    private static boolean isLatest(String version) {
        return "latest".equalsIgnoreCase(version) || "-1".equals(version);
    }

    private static int parseVersion(String version) {
        try {
            int v = Integer.parseInt(version);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the Confluent error below
        }
        throw SchemaRegistryException.invalidVersion(version);
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static int id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + raw + " not found");
        }
    }

    /** The "schema" of a register/lookup/compatibility body; only Avro without references is supported. */
    private static Schema schemaFromBody(Context ctx) {
        JsonNode body = body(ctx);
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw SchemaRegistryException.invalidSchema("only AVRO schemas are supported, got " + type, null);
        }
        if (body.path("references").size() > 0) {
            throw SchemaRegistryException.invalidSchema("schema references are not supported", null);
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw SchemaRegistryException.invalidSchema("the request needs a \"schema\" string", null);
        }
        return AvroSchemas.parse(schema.asText());
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = MAPPER.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw new SchemaRegistryException(400, 400, "Request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(400, 400, "Malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> versionBody(RegisteredSchema rs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", rs.subject());
        body.put("version", rs.version());
        body.put("id", rs.id());
        body.put("schema", rs.schema().toString());
        return body;
    }

    private static void json(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType(CONTENT_TYPE).result(MAPPER.writeValueAsString(body));
    }

    private static void error(Context ctx, int status, int errorCode, String message) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message == null ? "" : message);
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.status(status).result("{\"error_code\":" + errorCode + "}");
        }
    }
}

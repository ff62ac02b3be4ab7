package org.odop.pulse.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for the Confluent Schema Registry REST API (Confluent itself, Apicurio's ccompat API, or our
 * {@link SchemaRegistryServer}). Ids and registrations are cached, since neither changes once assigned, so a
 * serde in steady state makes no HTTP calls.
 * <p>
 * A transient failure ({@link SchemaRegistryException#isTransient()}: no answer, a server error) is retried with
 * exponential backoff: every call made here is idempotent (registering a schema again returns the id it has). Two
 * stream threads registering one schema at once is enough to make Apicurio answer 500 to one of them.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    /** Attempts per call, and the wait before the first retry (doubled for each next one): 0.2 + 0.4 + 0.8 + 1.6 s. */
    public static final int ATTEMPTS = 5;
    public static final Duration FIRST_RETRY_AFTER = Duration.ofMillis(200);

    /** Cache key: the schema's text, since that (not Schema.equals, which ignores docs) is what ids identify. */
    private record SubjectSchema(String subject, String schema) {
        SubjectSchema(String subject, Schema schema) {
            this(requireSubject(subject), AvroSchemas.canonical(Objects.requireNonNull(schema, "schema")));
        }
    }

    private final String baseUrl;
    private final Duration requestTimeout;
    private final HttpClient http;
    /** "Basic ..." from the user info, or null; never logged. */
    private final String authorization;
    private final java.nio.file.Path bearerTokenFile;
    private final Retry retry;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();

    /** A client with a 5 s connect timeout and a 30 s request timeout. */
    public RestSchemaRegistryClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /**
     * @param baseUrl e.g. http://127.0.0.1:8081 or http://host/apis/ccompat/v7; a trailing slash is ignored
     */
    public RestSchemaRegistryClient(String baseUrl, Duration connectTimeout, Duration requestTimeout) {
        this(baseUrl, connectTimeout, requestTimeout, ATTEMPTS, FIRST_RETRY_AFTER);
    }

    /** @param attempts how often a call is tried when it fails transiently (1: never retried) */
    public RestSchemaRegistryClient(String baseUrl, Duration connectTimeout, Duration requestTimeout, int attempts,
                                    Duration firstRetryAfter) {
        this(baseUrl, RegistryAccess.NONE, connectTimeout, requestTimeout, attempts, firstRetryAfter);
    }

    /** A client authenticating as {@code access} says, with a 5 s connect timeout and a 30 s request timeout. */
    public RestSchemaRegistryClient(String baseUrl, RegistryAccess access) {
        this(baseUrl, access, Duration.ofSeconds(5), Duration.ofSeconds(30), ATTEMPTS, FIRST_RETRY_AFTER);
    }

    /**
     * @param baseUrl may carry user info (https://user:password@host): it is taken as basic auth, unless
     *                {@code access} has user info, and removed from the URL, which shows in messages
     */
    public RestSchemaRegistryClient(String baseUrl, RegistryAccess access, Duration connectTimeout,
                                    Duration requestTimeout, int attempts, Duration firstRetryAfter) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(access, "access");
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("Schema registry URL is not a URL: " + redact(baseUrl));
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("Schema registry URL needs a scheme and host: " + redact(baseUrl));
        }
        String userInfo = access.userInfo() != null ? access.userInfo() : uri.getUserInfo();
        this.baseUrl = withoutUserInfo(uri).replaceAll("/+$", "");
        this.authorization = userInfo == null ? null
                : "Basic " + java.util.Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.bearerTokenFile = access.bearerTokenFile();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // plain http: no h2c upgrade dance
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"));
        if (access.trust() != null) {
            builder.sslContext(org.odop.pulse.http.Tls.clientContext(org.odop.pulse.http.Tls.certificates(access.trust())));
        }
        this.http = builder.build();
        this.retry = Retry.of("schema-registry", RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstRetryAfter, 2.0))
                // Not after an interrupt: the thread is being stopped, not the registry slow.
                .retryOnException(e -> e instanceof SchemaRegistryException r && r.isTransient()
                        && !Thread.currentThread().isInterrupted())
                .build());
        retry.getEventPublisher().onRetry(e -> LOG.warn("Schema registry call failed (attempt {} of {}), retrying in {} ms: {}",
                e.getNumberOfRetryAttempts(), attempts, e.getWaitInterval().toMillis(), e.getLastThrowable().getMessage()));
    }

    /** The base URL without trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        int id;
        try {
            id = requiredInt(call("POST", "/subjects/" + enc(subject) + "/versions", Map.of("schema", key.schema())), "id");
        } catch (SchemaRegistryException e) {
            // Apicurio answers 409 both for an incompatible schema and for a subject another client created a moment
            // before ("already exists"): if the schema is registered now, that is the answer; if not, it was refused.
            if (e.httpStatus() != 409) throw e;
            id = lookup(subject, schema).map(RegisteredSchema::id).orElseThrow(() -> e);
        }
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode body = call("GET", "/schemas/ids/" + id, null);
        Schema schema = AvroSchemas.parse(requiredText(body, "schema"));
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return versionOf(subject, "latest");
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        if (version < 1) {
            throw SchemaRegistryException.invalidVersion(String.valueOf(version));
        }
        return versionOf(subject, Integer.toString(version));
    }

    private RegisteredSchema versionOf(String subject, String version) {
        try {
            return registered(call("GET", "/subjects/" + enc(requireSubject(subject)) + "/versions/" + version, null),
                    subject);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                // Apicurio says 40402 also when the whole subject is unknown; Confluent says 40401. Ask which.
                versions(subject);
            }
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null).forEach(n -> subjects.add(n.asText()));
        subjects.sort(null);
        return List.copyOf(subjects);
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        call("GET", "/subjects/" + enc(requireSubject(subject)) + "/versions", null).forEach(n -> versions.add(n.asInt()));
        return List.copyOf(versions);
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        RegisteredSchema cached = lookups.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            RegisteredSchema found = registered(call("POST", "/subjects/" + enc(subject), Map.of("schema", key.schema())), subject);
            lookups.put(key, found);
            idsBySubjectSchema.putIfAbsent(key, found.id()); // registering it again would return this id anyway
            return Optional.of(found);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        try {
            JsonNode body = call("POST", "/compatibility/subjects/" + enc(requireSubject(subject)) + "/versions/latest",
                    schemaBody(schema));
            JsonNode flag = body.get("is_compatible");
            if (flag == null || !flag.isBoolean()) {
                throw new SchemaRegistryException(500, 500, "Registry answer lacks is_compatible: " + body);
            }
            return flag.booleanValue();
        } catch (SchemaRegistryException e) {
            // Older registries answer "no such subject/version" instead of "compatible" for an empty subject.
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        Objects.requireNonNull(level, "level");
        try {
            call("PUT", configPath(subject), Map.of("compatibility", level.name()));
        } catch (SchemaRegistryException e) {
            // Apicurio stores NONE by deleting its global rule, and answers 404 when there is none to delete.
            if (subject == null && level == CompatibilityLevel.NONE && e.httpStatus() == 404
                    && getCompatibility(null) == CompatibilityLevel.NONE) {
                return;
            }
            throw e;
        }
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        String path = configPath(subject) + (subject == null ? "" : "?defaultToGlobal=true");
        JsonNode body;
        try {
            body = call("GET", path, null);
        } catch (SchemaRegistryException e) {
            if (subject != null && e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                // Apicurio answers 40401 for a subject it has never seen; Confluent gives the global level.
                return getCompatibility(null);
            }
            throw e;
        }
        JsonNode level = body.has("compatibilityLevel") ? body.get("compatibilityLevel") : body.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw new SchemaRegistryException(500, 500, "Registry answer lacks compatibilityLevel: " + body);
        }
        return CompatibilityLevel.parse(level.asText());
    }

    private String configPath(String subject) {
        return subject == null ? "/config" : "/config/" + enc(requireSubject(subject));
    }

    private RegisteredSchema registered(JsonNode body, String requestedSubject) {
        int id = requiredInt(body, "id");
        Schema schema = schemasById.computeIfAbsent(id, i -> AvroSchemas.parse(requiredText(body, "schema")));
        String subject = body.path("subject").asText(requestedSubject);
        return new RegisteredSchema(subject, requiredInt(body, "version"), id, schema);
    }

    /** One call, retried while it fails transiently; the last failure is thrown. */
    private JsonNode call(String method, String path, Object jsonBody) {
        return retry.executeSupplier(() -> exchange(method, path, jsonBody));
    }

    /** One HTTP exchange; 2xx bodies come back as JSON, anything else becomes a {@link SchemaRegistryException}. */
    private JsonNode exchange(String method, String path, Object jsonBody) {
        String url = baseUrl + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT);
        String auth = authorizationHeader();
        if (auth != null) request.header("Authorization", auth);
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(jsonBody), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw SchemaRegistryException.noResponse("Schema registry request " + method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SchemaRegistryException.noResponse("Interrupted during schema registry request " + method + " " + url, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw toException(method, url, status, response.body());
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(status, 500, "Schema registry sent non-JSON from " + method + " " + url
                    + ": " + abbreviate(text), e);
        }
    }

    /** Basic auth, or the bearer token as the file has it now (so a rotated token is picked up), or null. */
    private String authorizationHeader() {
        if (bearerTokenFile == null) return authorization;
        try {
            String token = java.nio.file.Files.readString(bearerTokenFile, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) throw new IllegalStateException("The schema registry bearer token file "
                    + bearerTokenFile + " is empty");
            return "Bearer " + token;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the schema registry bearer token file " + bearerTokenFile
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** The URL without user info: what messages may show. */
    private static String withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath() == null ? null
                    : uri.getPath(), uri.getQuery(), uri.getFragment()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("Schema registry URL is not a URL: " + redact(uri.toString()));
        }
    }

    /** {@code scheme://user:password@host} becomes {@code scheme://***@host}. */
    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(^|(?<=://))[^/@?#]*@", "***@");
    }

    /** Maps Confluent's {"error_code", "message"}; tolerates bodies that are not JSON at all. */
    private static SchemaRegistryException toException(String method, String url, int status, String text) {
        int errorCode = status;
        String message = abbreviate(text);
        try {
            JsonNode node = text == null || text.isBlank() ? null : MAPPER.readTree(text);
            if (node != null && node.isObject()) {
                errorCode = node.path("error_code").asInt(status);
                message = node.path("message").asText(message);
            }
        } catch (JsonProcessingException ignored) {
            // not JSON (a proxy's HTML page, say): keep the status and the raw text
        }
        if (status == 409) {
            errorCode = SchemaRegistryException.INCOMPATIBLE_SCHEMA; // some registries send error_code 0 here
        }
        if (status == 401 || status == 403) {
            message = "The schema registry refused " + (status == 401 ? "to authenticate" : "access")
                    + " (HTTP " + status + "; check --schema-registry-user-info / --schema-registry-bearer-token-file): "
                    + message;
        }
        return new SchemaRegistryException(status, errorCode, message + " (" + method + " " + url + ")");
    }

    private static Map<String, String> schemaBody(Schema schema) {
        return Map.of("schema", AvroSchemas.canonical(schema));
    }

    private static String toJson(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request body", e);
        }
    }

    private static int requiredInt(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.canConvertToInt()) {
            throw new SchemaRegistryException(500, 500, "Registry answer lacks '" + field + "': " + body);
        }
        return n.intValue();
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            throw new SchemaRegistryException(500, 500, "Registry answer lacks '" + field + "': " + body);
        }
        return n.asText();
    }

    private static String requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        return subject;
    }

    /** Path-segment encoding: URLEncoder is for forms, so turn its '+' for space back into %20. */
    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}

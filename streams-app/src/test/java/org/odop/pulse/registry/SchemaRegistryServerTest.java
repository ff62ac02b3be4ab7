package org.odop.pulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.registry.TestSchemas.loi;
import static org.odop.pulse.registry.TestSchemas.loiWithRequiredCurrency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The server's wire behaviour, checked with plain HTTP as a Confluent client would see it. */
@DisplayName("SchemaRegistryServer speaks Confluent's REST dialect")
class SchemaRegistryServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SR_JSON = "application/vnd.schemaregistry.v1+json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SchemaRegistryServer server;

    @BeforeEach
    void start() {
        server = new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("port 0 binds a free loopback port")
    void picksPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    @DisplayName("POST /subjects/{subject}/versions answers {\"id\": N} in the registry content type; plain JSON accepted")
    void registerOverHttp() throws Exception {
        HttpResponse<String> first = send("POST", "/subjects/odop.lois.v1-value/versions", schemaBody(loi()), SR_JSON);
        HttpResponse<String> second = send("POST", "/subjects/odop.lois.v1-value/versions", schemaBody(loi()),
                "application/json");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith(SR_JSON));
        assertThat(json(first)).isEqualTo(MAPPER.readTree("{\"id\":1}"));
        assertThat(json(second)).isEqualTo(MAPPER.readTree("{\"id\":1}"));

        JsonNode byId = json(send("GET", "/schemas/ids/1", null, null));
        assertThat(new Schema.Parser().parse(byId.get("schema").asText())).isEqualTo(loi());

        JsonNode latest = json(send("GET", "/subjects/odop.lois.v1-value/versions/latest", null, null));
        assertThat(latest.get("subject").asText()).isEqualTo("odop.lois.v1-value");
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("id").asInt()).isEqualTo(1);

        JsonNode lookup = json(send("POST", "/subjects/odop.lois.v1-value", schemaBody(loi()), SR_JSON));
        assertThat(lookup.get("version").asInt()).isEqualTo(1);
        assertThat(json(send("GET", "/subjects", null, null))).isEqualTo(MAPPER.readTree("[\"odop.lois.v1-value\"]"));
        assertThat(json(send("GET", "/subjects/odop.lois.v1-value/versions", null, null)))
                .isEqualTo(MAPPER.readTree("[1]"));
    }

    @Test
    @DisplayName("errors are {error_code, message} with 404/40401, 404/40403, 409, 422/42201 and 422/42202")
    void errorBodies() throws Exception {
        send("POST", "/subjects/s-value/versions", schemaBody(loi()), SR_JSON);

        assertError(send("GET", "/subjects/nope/versions/latest", null, null), 404, 40401);
        assertError(send("POST", "/subjects/nope", schemaBody(loi()), SR_JSON), 404, 40401);
        assertError(send("POST", "/subjects/s-value", schemaBody(loiWithRequiredCurrency()), SR_JSON), 404, 40403);
        assertError(send("GET", "/schemas/ids/77", null, null), 404, 40403);
        assertError(send("GET", "/subjects/s-value/versions/5", null, null), 404, 40402);
        assertError(send("GET", "/subjects/s-value/versions/abc", null, null), 422, 42202);
        assertError(send("POST", "/subjects/s-value/versions", schemaBody(loiWithRequiredCurrency()), SR_JSON), 409, 409);
        assertError(send("POST", "/subjects/s-value/versions", "{\"schema\":\"{\\\"type\\\":\\\"recrd\\\"}\"}", SR_JSON),
                422, 42201);
        assertError(send("POST", "/subjects/s-value/versions", "{\"schema\":\"x\",\"schemaType\":\"PROTOBUF\"}", SR_JSON),
                422, 42201);
        assertError(send("POST", "/subjects/s-value/versions", "not json", SR_JSON), 400, 400);
        assertError(send("GET", "/no/such/endpoint", null, null), 404, 404);
    }

    @Test
    @DisplayName("compatibility endpoint and GET/PUT /config behave as Confluent's")
    void compatibilityAndConfig() throws Exception {
        send("POST", "/subjects/s-value/versions", schemaBody(loi()), SR_JSON);

        assertThat(json(send("POST", "/compatibility/subjects/s-value/versions/latest",
                schemaBody(loiWithRequiredCurrency()), SR_JSON)).get("is_compatible").asBoolean()).isFalse();
        assertThat(json(send("POST", "/compatibility/subjects/s-value/versions/1",
                schemaBody(loi()), SR_JSON)).get("is_compatible").asBoolean()).isTrue();

        assertThat(json(send("GET", "/config", null, null))).isEqualTo(MAPPER.readTree("{\"compatibilityLevel\":\"BACKWARD\"}"));
        assertThat(json(send("PUT", "/config/s-value", "{\"compatibility\":\"NONE\"}", SR_JSON)))
                .isEqualTo(MAPPER.readTree("{\"compatibility\":\"NONE\"}"));
        assertThat(json(send("GET", "/config/s-value", null, null)).get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(json(send("POST", "/compatibility/subjects/s-value/versions/latest",
                schemaBody(loiWithRequiredCurrency()), SR_JSON)).get("is_compatible").asBoolean()).isTrue();
        assertThat(json(send("PUT", "/config", "{\"compatibility\":\"full\"}", SR_JSON)).get("compatibility").asText())
                .isEqualTo("FULL");
        assertThat(json(send("GET", "/config", null, null)).get("compatibilityLevel").asText()).isEqualTo("FULL");
        assertError(send("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}", SR_JSON), 422, 42203);
    }

    @Test
    @DisplayName("every answer, 200, 400, 404 and 422 alike, carries the security headers and no CORS header")
    void securityHeaders() throws Exception {
        send("POST", "/subjects/s-value/versions", schemaBody(loi()), SR_JSON);
        Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
        answers.put("200", send("GET", "/subjects", null, null));
        answers.put("400", send("POST", "/subjects/s-value/versions", "{not json", SR_JSON));
        answers.put("404 unknown subject", send("GET", "/subjects/nope/versions", null, null));
        answers.put("404 unknown route", send("GET", "/no/such/route", null, null));
        answers.put("422", send("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}", SR_JSON));
        answers.forEach((what, r) -> {
            assertThat(String.valueOf(r.statusCode())).as(r.body()).isEqualTo(what.substring(0, 3));
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(what)
                    .hasValue(org.odop.pulse.http.SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(r.headers().map().keySet()).as(what)
                    .noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
        });
    }

    @Test
    @DisplayName("a write whose Content-Type is not a registry or JSON type is refused with 415 and changes nothing")
    void refusesWritesOfOtherContentTypes() throws Exception {
        String body = schemaBody(loi());
        for (String type : java.util.List.of("application/x-www-form-urlencoded", "text/plain;charset=UTF-8",
                "multipart/form-data; boundary=x", "application/xml", "application/jsonx")) {
            assertError(send("POST", "/subjects/form-value/versions", body, type), 415, 415);
            assertError(send("PUT", "/config", "{\"compatibility\":\"NONE\"}", type), 415, 415);
            assertError(send("DELETE", "/subjects/form-value", body, type), 415, 415);
        }
        // No Content-Type at all is no JSON either.
        assertError(send("POST", "/subjects/form-value/versions", null, null), 415, 415);

        assertThat(json(send("GET", "/subjects", null, null))).isEqualTo(MAPPER.readTree("[]"));
        assertThat(json(send("GET", "/config", null, null)).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        // The registry's own types, case and parameters aside, are accepted.
        assertThat(send("POST", "/subjects/form-value/versions", body,
                "application/vnd.schemaregistry+json; charset=utf-8").statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/config", "{\"compatibility\":\"NONE\"}", "Application/JSON").statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("the embedded registry listens on loopback only")
    void loopbackOnly() throws Exception {
        try (var probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 2000);
        }
        var other = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(other.isPresent(), "no non-loopback IPv4 address here");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            try (var probe = new java.net.Socket()) {
                probe.connect(new java.net.InetSocketAddress(other.get(), server.port()), 2000);
            }
        }).isInstanceOf(java.io.IOException.class);
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(10));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String schemaBody(Schema schema) throws Exception {
        return MAPPER.writeValueAsString(Map.of("schema", schema.toString()));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, int errorCode) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.get("error_code").asInt()).as(response.body()).isEqualTo(errorCode);
        assertThat(body.get("message").asText()).isNotBlank();
    }
}

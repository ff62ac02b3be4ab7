package org.odop.pulse.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.odop.pulse.serving.Json;

/** GETs (with the admin key of {@link TestKeys}) against an HTTP API on a loopback port, and the checks HTTP tests share: JSON answers, error bodies, CSV headers. */
public final class ApiAnswers {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiAnswers() {}

    /** @param accept the Accept header, or null for none */
    public static HttpResponse<String> get(int port, String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", TestKeys.ADMIN_BEARER).timeout(Duration.ofSeconds(10)).GET();
        if (accept != null) b.header("Accept", accept);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer as bytes (a spreadsheet). */
    public static HttpResponse<byte[]> getBytes(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", TestKeys.ADMIN_BEARER).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A JSON answer, checked to be JSON. */
    public static HttpResponse<String> json(int port, String path) throws Exception {
        HttpResponse<String> r = get(port, path, null);
        assertThat(r.headers().firstValue("Content-Type")).as(path)
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return r;
    }

    /** An error answer: the status, and a body of only {@code {"error": ...}} containing {@code messagePart}. */
    public static void assertError(int port, String path, int status, String messagePart) throws Exception {
        HttpResponse<String> r = json(port, path);
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.size()).as(path).isEqualTo(1);
        assertThat(body.get("error").asText()).as(path).contains(messagePart);
    }

    /** The first line of a CSV answer, quotes around cells dropped. */
    public static String headerLine(String csv) {
        return csv.lines().findFirst().orElseThrow().replace("\"", "");
    }
}

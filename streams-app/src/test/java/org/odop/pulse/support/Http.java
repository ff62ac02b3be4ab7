package org.odop.pulse.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.odop.pulse.serving.Json;

/** A small HTTP client for tests against a running instance. */
public final class Http {
    private final HttpClient client;
    private final String base;
    private final java.util.function.Supplier<String> key;

    /** Without a key: only for what needs none (health checks, or to see a 401). */
    public Http(int port) {
        this(port, () -> null);
    }

    /** Every request with {@code Authorization: Bearer <key>}. */
    public Http(int port, String key) {
        this(port, () -> key);
    }

    /** With the key {@code key} gives at the time of each request (e.g. read from a file an instance writes on start). */
    public Http(int port, java.util.function.Supplier<String> key) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
    }

    /** The instance's API with the admin key it generated on its first start. */
    public static Http of(org.odop.pulse.runtime.PulseApplication app) {
        return new Http(app.httpPort(), app.adminKey());
    }

    /** HTTPS to 127.0.0.1:{@code port}, trusting what {@code ssl} trusts, without a key. */
    public Http(int port, javax.net.ssl.SSLContext ssl) {
        this(port, ssl, null);
    }

    /** HTTPS to 127.0.0.1:{@code port}, trusting what {@code ssl} trusts, with {@code key} (may be null). */
    public Http(int port, javax.net.ssl.SSLContext ssl, String key) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(ssl).build();
        this.base = "https://127.0.0.1:" + port;
        this.key = () -> key;
    }

    public record Response(int status, String body, java.util.Map<String, java.util.List<String>> headers) {
        public java.util.Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response getWithAccept(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    public Response post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * The status a POST announcing a body of {@code contentLength} bytes gets before any of the body is sent (plain
     * HTTP only): a server that refuses on the Content-Length answers at once. Sending a body that large instead can
     * lose the answer, when the server closes the connection while the client is still writing.
     */
    public int statusBeforeBody(String path, String contentType, long contentLength) {
        java.net.URI uri = URI.create(base + path);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            String k = key.get();
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + contentLength
                    + (k == null ? "" : "\r\nAuthorization: Bearer " + k) + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            if (status == null || !status.startsWith("HTTP/1.1 ")) throw new IOException("no status line: " + status);
            return Integer.parseInt(status.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code method} {@code path} with {@code body} (null: none) and the headers given as name, value, name, value, ... */
    public Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return send(b);
    }

    private Response send(HttpRequest.Builder request) {
        String k = key.get();
        if (k != null) request.header("Authorization", "Bearer " + k);
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.odop.pulse.serving.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.odop.pulse.security.ClusterSecret;
import org.odop.pulse.serving.Json;

/**
 * Asks other instances of the application for their store partitions, over their internal HTTP API; each request is
 * signed with the cluster secret the instances share.
 */
public final class RemoteInstances {
    public static final String ROWS_PATH = "/internal/v1/rows";
    public static final String STALLED_PATH = "/internal/v1/stalled";
    public static final String LOIS_PATH = "/internal/v1/lois";

    private final HttpClient http;
    private final String scheme;
    private final ClusterSecret secret;

    /** Plain HTTP between instances. */
    public RemoteInstances(ClusterSecret secret) {
        this(secret, null);
    }

    /** HTTPS between instances, trusting what {@code tls} trusts; null: plain HTTP. */
    public RemoteInstances(ClusterSecret secret, javax.net.ssl.SSLContext tls) {
        this.secret = secret;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (tls != null) b.sslContext(tls);
        this.http = b.build();
        this.scheme = tls == null ? "http" : "https";
    }

    /** Completes with the instance's measure rows, or exceptionally when it cannot be reached or fails. */
    public CompletableFuture<PartitionRows> rows(HostInfo host, Collection<String> wanted, String period,
                                                 String district, boolean standby) {
        String query = "period=" + enc(period) + "&want=" + enc(String.join(",", wanted)) + "&standby=" + standby
                + (district == null ? "" : "&district=" + enc(district));
        return get(host, ROWS_PATH + "?" + query, PartitionRows.class);
    }

    /** Completes with the instance's stalled shipments in the wanted partitions. */
    public CompletableFuture<StalledRows> stalled(HostInfo host, Collection<String> wanted, boolean standby) {
        return get(host, STALLED_PATH + "?want=" + enc(String.join(",", wanted)) + "&standby=" + standby, StalledRows.class);
    }

    /** Completes with the instance's LOIs in the wanted partitions of the meet store. */
    public CompletableFuture<LoiRows> lois(HostInfo host, Collection<String> wanted, boolean standby) {
        return get(host, LOIS_PATH + "?want=" + enc(String.join(",", wanted)) + "&standby=" + standby, LoiRows.class);
    }

    private <T> CompletableFuture<T> get(HostInfo host, String pathAndQuery, Class<T> type) {
        String signature = secret.sign("GET", pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + host.host() + ":" + host.port() + pathAndQuery))
                .header(ClusterSecret.HEADER, signature)
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() != 200) throw new IllegalStateException(host + " answered " + r.statusCode());
            // Only an instance holding the cluster secret can sign the answer: a stranger that joined the consumer
            // group (and so is listed as an owner) cannot feed rows into this instance's answers.
            if (!secret.verifyAnswer(signature, r.body(), r.headers().firstValue(ClusterSecret.HEADER).orElse(null))) {
                throw new IllegalStateException(host + " answered without the cluster secret's signature: not an"
                        + " instance of this application");
            }
            try {
                return Json.MAPPER.readValue(r.body(), type);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable answer from " + host, e);
            }
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

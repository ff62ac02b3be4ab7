package org.odop.pulse.http;

import org.odop.pulse.serving.AlertFeed;
import org.odop.pulse.serving.AlertView;
import org.odop.pulse.serving.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * GET /api/v1/alerts/stream: server-sent events of the shipment alerts, event name {@code alert}, data the
 * {@link AlertView} as JSON. A client first gets the most recent alerts, then each new one as it is read; a comment
 * every 15 s keeps proxies from closing a quiet stream and finds clients that went away. One per HTTP server: closing
 * it ends its clients' heartbeats and subscriptions, before the server stops.
 */
final class AlertStream implements AutoCloseable {
    static final String EVENT = "alert";
    private static final long HEARTBEAT_SECONDS = 15;

    private final AlertFeed feed;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "odop-alert-stream-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Set<Runnable> open = ConcurrentHashMap.newKeySet();

    AlertStream(AlertFeed feed) {
        this.feed = feed;
    }

    void serve(SseClient client) {
        client.keepAlive();
        // One sender at a time per client: the request's thread first, then the alert and heartbeat threads.
        synchronized (client) {
            client.sendComment("alerts"); // the answer's headers go out now, not with the first alert
            for (AlertView a : feed.recentAlerts()) send(client, a);
        }
        AutoCloseable subscription = feed.subscribe(a -> {
            synchronized (client) {
                if (!client.terminated()) send(client, a);
            }
        });
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> {
            synchronized (client) {
                if (!client.terminated()) client.sendComment("keep-alive");
            }
        }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        Runnable end = () -> {
            heartbeat.cancel(false);
            try {
                subscription.close();
            } catch (Exception e) {
                // removing a listener from a list does not fail
            }
        };
        open.add(end);
        client.onClose(() -> {
            open.remove(end);
            end.run();
        });
    }

    private static void send(SseClient client, AlertView alert) {
        try {
            client.sendEvent(EVENT, Json.MAPPER.writeValueAsString(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert as JSON", e);
        }
    }

    @Override
    public void close() {
        open.forEach(Runnable::run);
        open.clear();
        heartbeats.shutdownNow();
    }
}

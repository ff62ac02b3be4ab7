package org.odop.pulse.serving;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.function.Supplier;
import org.odop.pulse.ingest.IngestFailedException;
import org.odop.pulse.registry.SchemaRegistryUnavailableException;
import org.odop.pulse.ingest.IngestService;
import org.odop.pulse.ingest.UnreadableBodyException;
import org.odop.pulse.ingest.UnsupportedMediaTypeException;
import org.odop.pulse.serving.cluster.LocalPartitionReader;
import org.odop.pulse.serving.cluster.RemoteInstances;
import org.odop.pulse.domain.Periods;
import org.odop.pulse.http.SecurityHeaders;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: ingest, district and state views, destinations and HS roll-ups, listings of the reference data, rankings,
 * stalled shipments, buyer-seller meets and LOIs due for follow-up, Prometheus metrics,
 * health, and the internal API between instances.
 */
public final class HttpApi implements AutoCloseable {
    /** The Prometheus text exposition format, version 0.0.4. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;

    public HttpApi(IngestService ingest, long maxBodyBytes, DistrictService districts, ListingService listings,
                   RankingHandler rankingHandler, TradeService trade,
                   StalledShipmentService stalled, MeetService meets, LocalPartitionReader partitions, Supplier<String> metrics,
                   Readiness readiness) {
        IngestHandler ingestHandler = new IngestHandler(ingest, maxBodyBytes);
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.concurrency.useVirtualThreads = false;
            SecurityHeaders.install(cfg);
            routes(cfg.routes, ingestHandler, districts, listings, rankingHandler, trade, stalled, meets, partitions,
                    metrics, readiness);
        });
    }

    private static void routes(RoutesConfig routes, IngestHandler ingestHandler, DistrictService districts,
                               ListingService listings, RankingHandler rankingHandler, TradeService trade,
                               StalledShipmentService stalled, MeetService meets, LocalPartitionReader partitions,
                               Supplier<String> metrics, Readiness readiness) {
        routes.post("/api/v1/ingest/{type}", ingestHandler::handle);
        routes.get("/api/v1/districts/{districtCode}", ctx -> district(ctx, districts));
        routes.get("/api/v1/states/{stateCode}", ctx -> state(ctx, districts));
        routes.get("/api/v1/states", ctx -> {
            var states = listings.states();
            TableFormat.respond(ctx, states, () -> Tables.states(states));
        });
        routes.get("/api/v1/districts", ctx -> listing(ctx, listings.districts(blankToNull(ctx.queryParam("state"))),
                "no district of the reference data is in state '" + ctx.queryParam("state") + "'"));
        routes.get("/api/v1/products", ctx -> listing(ctx, listings.products(blankToNull(ctx.queryParam("district"))),
                "unknown district '" + ctx.queryParam("district") + "'"));
        routes.get("/api/v1/districts/{districtCode}/destinations", ctx -> {
            String code = ctx.pathParam("districtCode");
            found(ctx, trade.districtDestinations(code, period(ctx)), Tables::destinations, "unknown district '" + code + "'");
        });
        routes.get("/api/v1/states/{stateCode}/destinations", ctx -> {
            String code = ctx.pathParam("stateCode");
            found(ctx, trade.stateDestinations(code, period(ctx)), Tables::destinations,
                    "no district of the reference data is in state '" + code + "'");
        });
        routes.get("/api/v1/destinations", ctx -> {
            var v = trade.destinations(period(ctx), blankToNull(ctx.queryParam("state")), blankToNull(ctx.queryParam("product")));
            TableFormat.respond(ctx, v, () -> Tables.destinations(v));
        });
        routes.get("/api/v1/hs/{prefix}", ctx -> {
            var v = trade.hs(ctx.pathParam("prefix"), period(ctx), blankToNull(ctx.queryParam("state")));
            TableFormat.respond(ctx, v, () -> Tables.hs(v));
        });
        routes.get("/api/v1/rankings", rankingHandler::national);
        routes.get("/api/v1/products/{productCode}/districts", rankingHandler::product);
        routes.get("/api/v1/shipments/stalled", ctx -> {
            var list = stalled.stalled(blankToNull(ctx.queryParam("state")), blankToNull(ctx.queryParam("district")));
            TableFormat.respond(ctx, list, () -> Tables.stalled(list));
        });
        routes.get("/api/v1/meets", ctx -> {
            var v = meets.meets(blankToNull(ctx.queryParam("state")), blankToNull(ctx.queryParam("from")),
                    blankToNull(ctx.queryParam("to")));
            TableFormat.respond(ctx, v, () -> Tables.meets(v));
        });
        routes.get("/api/v1/meets/{meetId}", ctx -> {
            String id = ctx.pathParam("meetId");
            found(ctx, meets.meet(id), Tables::meet, "unknown meet '" + id + "'");
        });
        routes.get("/api/v1/lois/follow-up", ctx -> {
            var v = meets.followUp(blankToNull(ctx.queryParam("state")), blankToNull(ctx.queryParam("district")),
                    blankToNull(ctx.queryParam("meet")));
            TableFormat.respond(ctx, v, () -> Tables.followUp(v));
        });
        // For the other instances of the application: this instance's store partitions.
        routes.get(RemoteInstances.ROWS_PATH, ctx -> ctx.json(partitions.read(
                LocalPartitionReader.split(ctx.queryParamAsClass("want", String.class).get()),
                period(ctx), ctx.queryParam("district"), Boolean.parseBoolean(ctx.queryParam("standby")))));
        routes.get(RemoteInstances.STALLED_PATH, ctx -> ctx.json(partitions.stalled(
                LocalPartitionReader.split(ctx.queryParamAsClass("want", String.class).get()),
                Boolean.parseBoolean(ctx.queryParam("standby")))));
        routes.get(RemoteInstances.LOIS_PATH, ctx -> ctx.json(partitions.lois(
                LocalPartitionReader.split(ctx.queryParamAsClass("want", String.class).get()),
                Boolean.parseBoolean(ctx.queryParam("standby")))));
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.get()));
        routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        routes.get("/health/ready", ctx -> {
            Readiness.Status s = readiness.check();
            ctx.status(s.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                    .json(Map.of("status", s.ready() ? "UP" : "DOWN", "detail", s.detail()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            // Anything not mapped below is a bug: log it with its stack, tell the caller without one.
            LoggerFactory.getLogger(HttpApi.class).error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
        });
        routes.exception(UnreadableBodyException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        routes.exception(UnsupportedMediaTypeException.class,
                (e, ctx) -> error(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage()));
        routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        });
        routes.exception(IngestFailedException.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        });
        // The lines may be fine; the registry did not answer. Sending them again is safe: eventIds are deduplicated.
        routes.exception(SchemaRegistryUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        });
    }

    /** Serves HTTPS only, with this certificate; call before {@link #start}. Null keeps plain HTTP. */
    public HttpApi tls(org.odop.pulse.http.Tls tls) {
        if (tls != null) tls.install(app.unsafe.jetty);
        return this;
    }

    public HttpApi start(String bindAddress, int port) {
        app.start(bindAddress, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private static void district(Context ctx, DistrictService districts) {
        String period = period(ctx);
        String code = ctx.pathParam("districtCode");
        districts.district(code, period).ifPresentOrElse(v -> TableFormat.respond(ctx, v, () -> Tables.district(v)),
                () -> error(ctx, HttpStatus.NOT_FOUND, "unknown district '" + code + "'"));
    }

    private static void state(Context ctx, DistrictService districts) {
        String period = period(ctx);
        String code = ctx.pathParam("stateCode");
        districts.state(code, period).ifPresentOrElse(v -> TableFormat.respond(ctx, v, () -> Tables.state(v)),
                () -> error(ctx, HttpStatus.NOT_FOUND, "no district of the reference data is in state '" + code + "'"));
    }

    private static <V> void found(Context ctx, java.util.Optional<V> view, java.util.function.Function<V, Table> table,
                                  String notFound) {
        view.ifPresentOrElse(v -> TableFormat.respond(ctx, v, () -> table.apply(v)), () -> error(ctx, HttpStatus.NOT_FOUND, notFound));
    }

    private static void listing(Context ctx, java.util.Optional<?> listing, String notFound) {
        listing.ifPresentOrElse(l -> TableFormat.respond(ctx, l, () -> Tables.listing(l)),
                () -> error(ctx, HttpStatus.NOT_FOUND, notFound));
    }

    static String period(Context ctx) {
        String period = queryParamOr(ctx, "period", Periods.ALL);
        if (!Periods.isValid(period)) {
            throw new IllegalArgumentException("malformed period '" + period + "': use " + Periods.describeValid());
        }
        return period;
    }

    /**
     * The query parameter {@code name}, or {@code absent} when it is missing or empty ({@code ?period=}): an empty
     * value means the default, as it did under Javalin 6 (Javalin 7's {@code getOrDefault} keeps the empty string).
     */
    static String queryParamOr(Context ctx, String name, String absent) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? absent : v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    @Override
    public void close() {
        app.stop();
    }
}

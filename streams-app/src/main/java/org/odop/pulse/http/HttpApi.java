package org.odop.pulse.http;

import org.odop.pulse.http.AlertStream;
import org.odop.pulse.serving.DistrictService;
import org.odop.pulse.serving.Json;
import org.odop.pulse.serving.ListingService;
import org.odop.pulse.serving.MeetService;
import org.odop.pulse.serving.NotFoundException;
import org.odop.pulse.serving.OverviewView;
import org.odop.pulse.http.RankingHandler;
import org.odop.pulse.serving.Readiness;
import org.odop.pulse.serving.StalledShipmentService;
import org.odop.pulse.serving.Table;
import org.odop.pulse.serving.TableFormat;
import org.odop.pulse.serving.Tables;
import org.odop.pulse.serving.TradeService;
import org.odop.pulse.http.WebAssets;
import org.odop.pulse.serving.WebServices;
import org.odop.pulse.store.StoreUnavailableException;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
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
import org.odop.pulse.security.Access;
import org.odop.pulse.security.AccessControl;
import org.odop.pulse.security.AccessDenied;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: ingest, district and state views, destinations and HS roll-ups, listings of the reference data, rankings,
 * stalled shipments, buyer-seller meets and LOIs due for follow-up, Prometheus metrics,
 * health, and the internal API between instances.
 */
public final class HttpApi implements AutoCloseable {
    /** The Prometheus text exposition format, version 0.0.4. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** One route of the API and who may call it. */
    public record Route(String method, String path, Access access) {}

    private final Javalin app;
    private final List<Route> routeList = new ArrayList<>();
    /** The alert stream's clients (null without the web app's services): ended before the server stops. */
    private final AlertStream alertStream;

    public HttpApi(IngestService ingest, long maxBodyBytes, DistrictService districts, ListingService listings,
                   RankingHandler rankingHandler, TradeService trade,
                   StalledShipmentService stalled, MeetService meets, LocalPartitionReader partitions, Supplier<String> metrics,
                   Readiness readiness, AccessControl access) {
        this(ingest, maxBodyBytes, districts, listings, rankingHandler, trade, stalled, meets, partitions, metrics, readiness,
                access, null);
    }

    /** As above, and {@code requestLog} (null: none) sees every answer, e.g. {@link org.odop.pulse.http.HttpMetrics}. */
    public HttpApi(IngestService ingest, long maxBodyBytes, DistrictService districts, ListingService listings,
                   RankingHandler rankingHandler, TradeService trade,
                   StalledShipmentService stalled, MeetService meets, LocalPartitionReader partitions, Supplier<String> metrics,
                   Readiness readiness, AccessControl access, io.javalin.http.RequestLogger requestLog) {
        this(ingest, maxBodyBytes, districts, listings, rankingHandler, trade, stalled, meets, partitions, metrics, readiness,
                access, requestLog, null);
    }

    /** As above, with the web app's endpoints answering from {@code web} (null: the pages only, without them). */
    public HttpApi(IngestService ingest, long maxBodyBytes, DistrictService districts, ListingService listings,
                   RankingHandler rankingHandler, TradeService trade,
                   StalledShipmentService stalled, MeetService meets, LocalPartitionReader partitions, Supplier<String> metrics,
                   Readiness readiness, AccessControl access, io.javalin.http.RequestLogger requestLog, WebServices web) {
        IngestHandler ingestHandler = new IngestHandler(ingest, maxBodyBytes);
        alertStream = web == null ? null : new AlertStream(web.alerts());
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.concurrency.useVirtualThreads = false;
            SecurityHeaders.install(cfg);
            if (requestLog != null) cfg.requestLogger.http(requestLog);
            access.install(cfg.routes);
            WebAssets.install(cfg);
            Routes r = new Routes(cfg.routes, routeList);
            routes(r, ingestHandler, districts, listings, rankingHandler, trade, stalled,
                    meets, partitions, metrics, readiness, access);
            webRoutes(r, access, web, alertStream);
        });
    }

    /** Every route, as registered: the one list of what the API serves and who may call it. */
    public List<Route> routes() {
        return List.copyOf(routeList);
    }

    /** Registers each route with its {@link Access} and records it in the list {@link #routes()} returns. */
    private record Routes(RoutesConfig config, List<Route> list) {
        void get(String path, Access access, Handler handler) {
            list.add(new Route(HandlerType.GET.name(), path, access));
            config.get(path, handler, access);
        }

        void post(String path, Access access, Handler handler) {
            list.add(new Route(HandlerType.POST.name(), path, access));
            config.post(path, handler, access);
        }

        void sse(String path, Access access, java.util.function.Consumer<io.javalin.http.sse.SseClient> client) {
            list.add(new Route(HandlerType.GET.name(), path, access));
            config.sse(path, client, access);
        }

        <E extends Exception> void exception(Class<E> type, io.javalin.http.ExceptionHandler<? super E> handler) {
            config.exception(type, handler);
        }
    }

    private static void routes(Routes routes, IngestHandler ingestHandler, DistrictService districts,
                               ListingService listings, RankingHandler rankingHandler, TradeService trade,
                               StalledShipmentService stalled, MeetService meets, LocalPartitionReader partitions,
                               Supplier<String> metrics, Readiness readiness, AccessControl access) {
        routes.post("/api/v1/ingest/{type}", Access.INGEST, ingestHandler::handle);
        routes.get("/api/v1/districts/{districtCode}", Access.READ, ctx -> district(ctx, districts));
        routes.get("/api/v1/states/{stateCode}", Access.READ, ctx -> state(ctx, districts));
        routes.get("/api/v1/states", Access.READ, ctx -> {
            var states = listings.states();
            TableFormat.respond(ctx, states, () -> Tables.states(states));
        });
        routes.get("/api/v1/districts", Access.READ, ctx -> listing(ctx, listings.districts(blankToNull(ctx.queryParam("state"))),
                "no district of the reference data is in state '" + ctx.queryParam("state") + "'"));
        routes.get("/api/v1/products", Access.READ, ctx -> listing(ctx, listings.products(blankToNull(ctx.queryParam("district"))),
                "unknown district '" + ctx.queryParam("district") + "'"));
        routes.get("/api/v1/districts/{districtCode}/destinations", Access.READ, ctx -> {
            String code = ctx.pathParam("districtCode");
            found(ctx, trade.districtDestinations(code, period(ctx)), Tables::destinations, "unknown district '" + code + "'");
        });
        routes.get("/api/v1/states/{stateCode}/destinations", Access.READ, ctx -> {
            String code = ctx.pathParam("stateCode");
            found(ctx, trade.stateDestinations(code, period(ctx)), Tables::destinations,
                    "no district of the reference data is in state '" + code + "'");
        });
        routes.get("/api/v1/destinations", Access.READ, ctx -> {
            var v = trade.destinations(period(ctx), blankToNull(ctx.queryParam("state")), blankToNull(ctx.queryParam("product")));
            TableFormat.respond(ctx, v, () -> Tables.destinations(v));
        });
        routes.get("/api/v1/hs/{prefix}", Access.READ, ctx -> {
            var v = trade.hs(ctx.pathParam("prefix"), period(ctx), blankToNull(ctx.queryParam("state")));
            TableFormat.respond(ctx, v, () -> Tables.hs(v));
        });
        routes.get("/api/v1/rankings", Access.READ, rankingHandler::national);
        routes.get("/api/v1/products/{productCode}/districts", Access.READ, rankingHandler::product);
        routes.get("/api/v1/shipments/stalled", Access.READ, ctx -> {
            var list = stalled.stalled(blankToNull(ctx.queryParam("state")), blankToNull(ctx.queryParam("district")));
            TableFormat.respond(ctx, list, () -> Tables.stalled(list));
        });
        routes.get("/api/v1/meets", Access.READ, ctx -> {
            var v = meets.meets(blankToNull(ctx.queryParam("state")), blankToNull(ctx.queryParam("from")),
                    blankToNull(ctx.queryParam("to")));
            TableFormat.respond(ctx, v, () -> Tables.meets(v));
        });
        routes.get("/api/v1/meets/{meetId}", Access.READ, ctx -> {
            String id = ctx.pathParam("meetId");
            found(ctx, meets.meet(id), Tables::meet, "unknown meet '" + id + "'");
        });
        routes.get("/api/v1/lois/follow-up", Access.READ, ctx -> {
            var v = meets.followUp(blankToNull(ctx.queryParam("state")), blankToNull(ctx.queryParam("district")),
                    blankToNull(ctx.queryParam("meet")));
            TableFormat.respond(ctx, v, () -> Tables.followUp(v));
        });
        // For the other instances of the application: this instance's store partitions.
        // Answers are signed with the cluster secret too: the asking instance accepts no other.
        routes.get(RemoteInstances.ROWS_PATH, Access.INTERNAL, ctx -> access.answerInternal(ctx, partitions.read(
                LocalPartitionReader.split(ctx.queryParamAsClass("want", String.class).get()),
                period(ctx), ctx.queryParam("district"), Boolean.parseBoolean(ctx.queryParam("standby")))));
        routes.get(RemoteInstances.STALLED_PATH, Access.INTERNAL, ctx -> access.answerInternal(ctx, partitions.stalled(
                LocalPartitionReader.split(ctx.queryParamAsClass("want", String.class).get()),
                Boolean.parseBoolean(ctx.queryParam("standby")))));
        routes.get(RemoteInstances.LOIS_PATH, Access.INTERNAL, ctx -> access.answerInternal(ctx, partitions.lois(
                LocalPartitionReader.split(ctx.queryParamAsClass("want", String.class).get()),
                Boolean.parseBoolean(ctx.queryParam("standby")))));
        routes.get("/metrics", Access.METRICS, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.get()));
        routes.get("/health/live", Access.OPEN, ctx -> ctx.json(Map.of("status", "UP")));
        routes.get("/health/ready", Access.OPEN, ctx -> {
            Readiness.Status s = readiness.check();
            ctx.status(s.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                    .json(Map.of("status", s.ready() ? "UP" : "DOWN", "detail", s.detail()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            // Anything not mapped below is a bug: log it with its stack, tell the caller without one.
            LoggerFactory.getLogger(HttpApi.class).error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
        });
        routes.exception(AccessDenied.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            error(ctx, HttpStatus.forStatus(e.status()), e.getMessage());
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

    /** The web app's sign-in and, with {@code web}, the endpoints its pages are built on. */
    private static void webRoutes(Routes routes, AccessControl access, WebServices web, AlertStream alertStream) {
        routes.get(WebAssets.ECHARTS_FILE, Access.OPEN, WebAssets::echarts);
        routes.post("/session", Access.OPEN, access::signIn);
        routes.post("/session/end", Access.OPEN, access::signOut);
        routes.get("/api/v1/session", Access.OPEN, ctx -> ctx.header("Cache-Control", "no-store").json(access.session(ctx)));
        if (web == null) return;
        routes.get("/api/v1/periods", Access.READ, ctx -> ctx.json(web.overview().periods()));
        routes.get("/api/v1/overview", Access.READ, ctx -> {
            OverviewView v = web.overview().overview(period(ctx));
            TableFormat.respond(ctx, v, () -> Tables.overview(v));
        });
        routes.get("/api/v1/timeline", Access.READ, ctx -> {
            String state = blankToNull(ctx.queryParam("state"));
            found(ctx, web.overview().timeline(null, state, ctx.queryParam("from"), ctx.queryParam("to"), metric(ctx)),
                    Tables::timeline, "no district of the reference data is in state '" + state + "'");
        });
        routes.get("/api/v1/districts/{districtCode}/timeline", Access.READ, ctx -> {
            String code = ctx.pathParam("districtCode");
            found(ctx, web.overview().timeline(code, null, ctx.queryParam("from"), ctx.queryParam("to"), metric(ctx)),
                    Tables::timeline, "unknown district '" + code + "'");
        });
        routes.get("/api/v1/operations", Access.READ, ctx -> ctx.json(web.operations().operations()));
        routes.sse("/api/v1/alerts/stream", Access.READ, alertStream::serve);
    }

    /** The optional {@code metric} query parameter: a measure of the catalogue. */
    private static java.util.Optional<org.odop.pulse.domain.Measure> metric(Context ctx) {
        String name = blankToNull(ctx.queryParam("metric"));
        if (name == null) return java.util.Optional.empty();
        return java.util.Optional.of(org.odop.pulse.domain.MeasureCatalog.byName(name).orElseThrow(() ->
                new IllegalArgumentException("unknown metric '" + name + "': use one of "
                        + org.odop.pulse.domain.MeasureCatalog.ALL.stream().map(org.odop.pulse.domain.Measure::name).toList())));
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
        if (alertStream != null) alertStream.close();
        app.stop();
    }
}

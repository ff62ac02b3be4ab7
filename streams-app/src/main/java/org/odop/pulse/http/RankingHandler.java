package org.odop.pulse.http;

import org.odop.pulse.serving.CsvCells;
import org.odop.pulse.serving.TableFormat;
import org.odop.pulse.serving.Tables;
import org.odop.pulse.http.HttpApi;
import org.odop.pulse.store.LocalStores;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import org.odop.pulse.serving.ranking.RankingMetric;
import org.odop.pulse.serving.ranking.RankingService;
import org.odop.pulse.serving.ranking.RankingView;
import org.odop.pulse.serving.ranking.Rankings;

/** GET /api/v1/rankings and GET /api/v1/products/{productCode}/districts, as JSON, CSV or XLSX. */
public final class RankingHandler {
    /** Text cells go through {@link CsvCells}: a district named =HYPERLINK(...) is not a live formula. */

    private final RankingService rankings;
    private final LocalStores stores;

    public RankingHandler(RankingService rankings, LocalStores stores) {
        this.rankings = rankings;
        this.stores = stores;
    }

    void national(Context ctx) throws Exception {
        respond(ctx, rankings.rank(request(ctx, null)));
    }

    void product(Context ctx) throws Exception {
        String product = ctx.pathParam("productCode");
        if (stores.product(product).isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "unknown product '" + product + "'"));
            return;
        }
        respond(ctx, rankings.rank(request(ctx, product)));
    }

    private static Rankings.Request request(Context ctx, String product) {
        String metricName = ctx.queryParam("metric");
        if (metricName == null) {
            throw new IllegalArgumentException("metric is required: use one of " + RankingMetric.names());
        }
        RankingMetric metric = RankingMetric.fromApiName(metricName);
        String period = HttpApi.period(ctx);
        String state = ctx.queryParam("state");
        int limit;
        try {
            limit = Integer.parseInt(HttpApi.queryParamOr(ctx, "limit", "10"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number (0 for all)");
        }
        if (limit < 0) throw new IllegalArgumentException("limit must be 0 (all) or more");
        return new Rankings.Request(metric, period, state == null || state.isBlank() ? null : state, product, limit);
    }


    private static void respond(Context ctx, RankingView view) {
        TableFormat.respond(ctx, view, () -> Tables.ranking(view));
    }
}

package org.odop.pulse.support;

import org.odop.pulse.ingest.IngestService;
import org.odop.pulse.http.HttpApi;
import org.odop.pulse.serving.ListingService;
import org.odop.pulse.store.LocalStores;
import org.odop.pulse.serving.MeasuresSource;
import org.odop.pulse.serving.MeetService;
import org.odop.pulse.serving.PeriodRows;
import org.odop.pulse.http.RankingHandler;
import org.odop.pulse.serving.TradeService;
import org.odop.pulse.serving.WebServices;
import org.odop.pulse.serving.ranking.RankingService;

/**
 * The HTTP API on a free loopback port with no Kafka behind it: no measures, and only what a test passes in. Calls need
 * {@link TestKeys#ADMIN_BEARER}.
 */
public final class StubHttpApi {
    /** A source with no rows for any district or period. */
    public static final MeasuresSource NO_MEASURES = new MeasuresSource() {
        @Override
        public PeriodRows district(org.odop.pulse.domain.Dimension dimension, String districtCode, String period) {
            return PeriodRows.empty(period);
        }

        @Override
        public PeriodRows period(org.odop.pulse.domain.Dimension dimension, String period) {
            return PeriodRows.empty(period);
        }
    };

    private StubHttpApi() {}

    /** @param ingest may be null (no ingest); @param listings may be null (no listings) */
    public static HttpApi start(IngestService ingest, long maxBodyBytes, ListingService listings) {
        return start(ingest, maxBodyBytes, listings, null);
    }

    /** The trade views (destinations, HS roll-ups) from {@code trade}, and nothing else. */
    public static HttpApi start(TradeService trade) {
        return start(null, 1024, null, trade);
    }

    /** The meet views (meets, one meet, LOIs due for follow-up) from {@code meets}, and nothing else. */
    public static HttpApi start(MeetService meets) {
        return start(null, 1024, null, null, meets);
    }

    /** Every route, with no services behind them (their handlers fail), behind {@code access}: for access tests. */
    public static HttpApi start(org.odop.pulse.security.AccessControl access) {
        LocalStores stores = new LocalStores(null);
        return new HttpApi(null, 1024, null, null, new RankingHandler(new RankingService(stores, NO_MEASURES), stores),
                null, null, null, null, null, null, access, null, new WebServices(null, null, null)).start("127.0.0.1", 0);
    }

    /** Health and the other routes that need no stores, over HTTPS only. */
    public static HttpApi start(org.odop.pulse.http.Tls tls) {
        LocalStores stores = new LocalStores(null);
        return new HttpApi(null, 1024, null, null,
                new RankingHandler(new RankingService(stores, NO_MEASURES), stores), null, null, null, null, null, null,
                TestKeys.access()).tls(tls).start("127.0.0.1", 0);
    }

    /** The web app: its pages and sign-in, and its endpoints answering from {@code web}. */
    public static HttpApi start(WebServices web) {
        LocalStores stores = new LocalStores(null);
        return new HttpApi(null, 1024, null, null, new RankingHandler(new RankingService(stores, NO_MEASURES), stores),
                null, null, null, null, null, null, TestKeys.access(), null, web).start("127.0.0.1", 0);
    }

    private static HttpApi start(IngestService ingest, long maxBodyBytes, ListingService listings, TradeService trade) {
        return start(ingest, maxBodyBytes, listings, trade, null);
    }

    private static HttpApi start(IngestService ingest, long maxBodyBytes, ListingService listings, TradeService trade,
                                 MeetService meets) {
        LocalStores stores = new LocalStores(null);
        return new HttpApi(ingest, maxBodyBytes, null, listings,
                new RankingHandler(new RankingService(stores, NO_MEASURES), stores), trade, null, meets, null, null, null,
                TestKeys.access()).start("127.0.0.1", 0);
    }
}

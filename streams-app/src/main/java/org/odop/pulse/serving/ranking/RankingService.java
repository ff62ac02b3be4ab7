package org.odop.pulse.serving.ranking;

import org.odop.pulse.store.LocalStores;
import org.odop.pulse.serving.MeasuresSource;
import org.odop.pulse.serving.PeriodRows;
import org.odop.pulse.domain.Periods;

/**
 * Rankings are computed at query time from the measure stores, gathered from every instance: the
 * rows of one period (and the previous one, for growth) are a prefix scan per store partition, a few
 * thousand rows at 800 districts, so every answer is current without a second, ranking-shaped copy of
 * the data to keep consistent.
 */
public final class RankingService {
    private final LocalStores stores;
    private final MeasuresSource source;

    public RankingService(LocalStores stores, MeasuresSource source) {
        this.stores = stores;
        this.source = source;
    }

    public RankingView rank(Rankings.Request request) {
        PeriodRows rows = source.period(request.period());
        PeriodRows previous = Periods.previous(request.period()).map(source::period).orElse(null);
        return Rankings.rank(request, rows, previous, stores::district);
    }
}

package org.odop.pulse.serving;

import java.util.ArrayList;
import java.util.List;
import org.odop.pulse.domain.Measure;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.domain.MeasureValues;
import org.odop.pulse.serving.ranking.RankingView;

/**
 * Every view as a table for CSV and XLSX: the same names as the JSON fields, measures in catalogue order,
 * counts and money as numbers. A view with a breakdown (a district's products, a state's districts) is its
 * breakdown rows followed by a total row.
 */
public final class Tables {
    public static final String TOTAL = "Total";

    private Tables() {}

    public static Table district(DistrictView v) {
        List<List<Object>> rows = new ArrayList<>();
        for (DistrictView.ProductRow p : v.products()) rows.add(measureRow(v.districtCode(), p.productCode(), p.productName(), v.period(), p.measures()));
        rows.add(measureRow(v.districtCode(), null, TOTAL, v.period(), v.totals()));
        return new Table("district-" + v.districtCode() + "-" + v.period(),
                measureColumns("districtCode", "productCode", "productName", "period"), rows);
    }

    public static Table state(StateView v) {
        List<List<Object>> rows = new ArrayList<>();
        for (StateView.DistrictRow d : v.districts()) rows.add(measureRow(v.stateCode(), d.districtCode(), d.districtName(), v.period(), d.measures()));
        rows.add(measureRow(v.stateCode(), null, TOTAL, v.period(), v.totals()));
        return new Table("state-" + v.stateCode() + "-" + v.period(),
                measureColumns("stateCode", "districtCode", "districtName", "period"), rows);
    }

    public static Table ranking(RankingView v) {
        List<List<Object>> rows = new ArrayList<>();
        for (RankingView.Entry e : v.entries()) {
            rows.add(cells(e.rank(), e.districtCode(), e.districtName(), e.stateCode(), e.value(), e.sharePct(),
                    e.previousValue(), e.growthPct()));
        }
        return new Table("ranking-" + v.metric() + "-" + v.period(), List.of("rank", "districtCode", "districtName",
                "stateCode", "value", "sharePct", "previousValue", "growthPct"), rows);
    }

    public static Table destinations(DestinationsView v) {
        String scope = v.districtCode() != null ? v.districtCode() : v.stateCode() != null ? v.stateCode() : "all";
        List<List<Object>> rows = new ArrayList<>();
        for (DestinationsView.Destination d : v.destinations()) {
            rows.add(measureRow(cells(v.districtCode(), v.stateCode(), v.productCode(), v.period(), d.country()), d.measures()));
        }
        return new Table("destinations-" + scope + (v.productCode() == null ? "" : "-" + v.productCode()) + "-" + v.period(),
                measureColumns(TradeService.DESTINATION_MEASURES, "districtCode", "stateCode", "productCode", "period", "country"), rows);
    }

    /** An HS prefix's districts, then its total row. */
    public static Table hs(HsView v) {
        List<List<Object>> rows = new ArrayList<>();
        for (HsView.DistrictRow d : v.districts()) {
            rows.add(measureRow(cells(v.hsPrefix(), v.period(), d.districtCode(), d.districtName(), d.stateCode()),
                    d.measures().select(TradeService.HS_MEASURES)));
        }
        rows.add(measureRow(cells(v.hsPrefix(), v.period(), null, TOTAL, v.stateCode()), v.totals()));
        return new Table("hs-" + v.hsPrefix() + "-" + v.period(),
                measureColumns(TradeService.HS_MEASURES, "hsPrefix", "period", "districtCode", "districtName", "stateCode"), rows);
    }

    /**
     * The country for one period: a row per district, per state and per product category of the reference data
     * (zeros included), then the country's total and, when there is one, its total in the previous period.
     */
    public static Table overview(OverviewView v) {
        List<List<Object>> rows = new ArrayList<>();
        for (OverviewView.DistrictRow d : v.districts()) {
            rows.add(measureRow(cells("district", d.districtCode(), d.districtName(), d.stateCode(), v.period()), d.measures()));
        }
        for (OverviewView.StateRow s : v.states()) {
            rows.add(measureRow(cells("state", s.stateCode(), s.stateName(), s.stateCode(), v.period()), s.measures()));
        }
        for (OverviewView.CategoryRow c : v.categories()) {
            rows.add(measureRow(cells("category", c.category(), c.category(), null, v.period()), c.measures()));
        }
        rows.add(measureRow(cells("country", null, TOTAL, null, v.period()), v.totals()));
        if (v.previous() != null) rows.add(measureRow(cells("country", null, TOTAL, null, v.previousPeriod()), v.previous()));
        return new Table("overview-" + v.period(), measureColumns("level", "code", "name", "stateCode", "period"), rows);
    }

    /** One row per month; with a metric, only that measure's column. */
    public static Table timeline(TimelineView v) {
        List<List<Object>> rows = new ArrayList<>();
        List<Measure> shown = v.months().isEmpty() ? MeasureCatalog.ALL : v.months().get(0).measures().measures();
        for (TimelineView.Month m : v.months()) rows.add(measureRow(cells(m.period()), m.measures()));
        return new Table("timeline-" + v.from() + "-" + v.to(), measureColumns(shown, "period"), rows);
    }

    public static Table stalled(List<StalledShipmentView> shipments) {
        List<List<Object>> rows = new ArrayList<>();
        for (StalledShipmentView s : shipments) {
            rows.add(cells(s.shipmentId(), s.districtCode(), s.stateCode(), s.productCode(), s.status(),
                    s.since().toString(), s.stalledSeconds(), s.limitSeconds()));
        }
        return new Table("stalled-shipments", List.of("shipmentId", "districtCode", "stateCode", "productCode", "status",
                "since", "stalledSeconds", "limitSeconds"), rows);
    }

    /** Meets, one row each; a meet's district codes in one cell, separated by ';'. */
    public static Table meets(MeetsView v) {
        List<List<Object>> rows = new ArrayList<>();
        for (MeetsView.Meet m : v.meets()) {
            rows.add(cells(m.meetId(), m.firstSignedAt().toString(), m.lastSignedAt().toString(),
                    String.join(";", m.districts()), m.loiCount(), m.loiValueInr(), m.linkedExportShipments(),
                    m.linkedExportValueInr(), m.conversion()));
        }
        return new Table("meets", List.of("meetId", "firstSignedAt", "lastSignedAt", "districts", "loiCount", "loiValueInr",
                "linkedExportShipments", "linkedExportValueInr", "conversion"), rows);
    }

    /** A meet as its LOIs, then its total row. */
    public static Table meet(MeetView v) {
        List<List<Object>> rows = new ArrayList<>();
        for (MeetView.Loi l : v.lois()) {
            rows.add(cells(v.meetId(), l.loiId(), l.districtCode(), l.productCode(), l.buyer(), l.seller(), l.valueInr(),
                    l.signedAt().toString(), l.linkedExportShipments(), l.linkedExportValueInr(), l.status().name()));
        }
        rows.add(cells(v.meetId(), TOTAL, null, null, null, null, v.loiValueInr(), null, v.linkedExportShipments(),
                v.linkedExportValueInr(), null));
        return new Table("meet-" + v.meetId(), List.of("meetId", "loiId", "districtCode", "productCode", "buyer", "seller",
                "valueInr", "signedAt", "linkedExportShipments", "linkedExportValueInr", "status"), rows);
    }

    public static Table followUp(FollowUpView v) {
        List<List<Object>> rows = new ArrayList<>();
        for (FollowUpView.Loi l : v.lois()) {
            rows.add(cells(l.loiId(), l.meetId(), l.districtCode(), l.productCode(), l.buyer(), l.seller(), l.valueInr(),
                    l.signedAt().toString(), l.daysSinceSigned()));
        }
        return new Table("loi-follow-up", List.of("loiId", "meetId", "districtCode", "productCode", "buyer", "seller",
                "valueInr", "signedAt", "daysSinceSigned"), rows);
    }

    public static Table states(ListingView.States v) {
        List<List<Object>> rows = new ArrayList<>();
        for (ListingView.State s : v.states()) rows.add(cells(s.stateCode(), s.stateName(), s.districts()));
        return new Table("states", List.of("stateCode", "stateName", "districts"), rows);
    }

    /** A listing of districts or of products. */
    public static Table listing(Object listing) {
        List<List<Object>> rows = new ArrayList<>();
        if (listing instanceof ListingView.Districts d) {
            for (ListingView.District x : d.districts()) {
                rows.add(cells(x.districtCode(), x.districtName(), x.stateCode(), x.stateName(),
                        decimal(x.latitude()), decimal(x.longitude())));
            }
            return new Table("districts", List.of("districtCode", "districtName", "stateCode", "stateName", "latitude",
                    "longitude"), rows);
        }
        if (listing instanceof ListingView.Products p) {
            for (ListingView.Product x : p.products()) {
                rows.add(cells(x.productCode(), x.productName(), x.category(), x.districtCode(), x.hsCode()));
            }
            return new Table("products", List.of("productCode", "productName", "category", "districtCode", "hsCode"), rows);
        }
        if (listing instanceof ListingView.States s) return states(s);
        throw new IllegalArgumentException("no table for " + listing.getClass().getSimpleName());
    }

    private static java.math.BigDecimal decimal(Double d) {
        return d == null ? null : java.math.BigDecimal.valueOf(d);
    }

    private static List<String> measureColumns(String... leading) {
        return measureColumns(MeasureCatalog.ALL, leading);
    }

    private static List<String> measureColumns(List<Measure> measures, String... leading) {
        List<String> columns = new ArrayList<>(List.of(leading));
        measures.forEach(m -> columns.add(m.name()));
        return columns;
    }

    private static List<Object> measureRow(String scope, String code, String name, String period, MeasureValues m) {
        return measureRow(cells(scope, code, name, period), m);
    }

    /** The leading cells, then the measures the values show. */
    private static List<Object> measureRow(List<Object> row, MeasureValues m) {
        for (Measure measure : m.measures()) row.add(measure.unit().isMoney() ? m.shown(measure) : m.get(measure));
        return row;
    }

    private static List<Object> cells(Object... values) {
        return new ArrayList<>(java.util.Arrays.asList(values));
    }
}

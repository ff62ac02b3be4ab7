package org.odop.pulse.topology.shipment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.odop.pulse.avro.FxRate;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.topology.common.HsCode;
import org.odop.pulse.topology.common.MeasureRows;
import org.odop.pulse.topology.common.MeasureUpdater;
import org.odop.pulse.topology.reference.ReferenceDataTopology;

/**
 * Counts a shipment as exported once: at the first event the pipeline sees at customs clearance or a
 * later stage (official statistics count the "let export order"), in that event's period and with its
 * value. Stages can arrive out of order, so whichever of those events comes first decides; the
 * shipment id is remembered so that no later event counts it again.
 * <p>
 * An export counts in its district's total and product rows, in its destination row
 * ({@code country:product}) and in its HS code's row (the event's own code, else its product's), all at once
 * or not at all. The dollars of the district, product and destination rows are those of its {@link UsdCells
 * cell}; those of the HS row are those of the cell's sub-cell of that HS code. When the exchange rates change,
 * the cells and sub-cells of the days whose rate changed are revalued in the rows they count in. Each counted
 * export that carries a {@code loiId} is passed on (once) to the meet views.
 */
final class ExportAggregator implements Processor<String, ShipmentEvent, String, ShipmentEvent> {
    static final Set<ShipmentStatus> EXPORTED =
            EnumSet.of(ShipmentStatus.CUSTOMS_CLEARED, ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED);

    private final Duration ratesCheckEvery;
    private ProcessorContext<String, ShipmentEvent> context;
    private KeyValueStore<String, Measures> measures;
    private KeyValueStore<String, Measures> destinations;
    private KeyValueStore<String, Measures> hsRows;
    private KeyValueStore<String, Long> exported;
    private KeyValueStore<String, ValueAndTimestamp<Product>> products;
    private KeyValueStore<String, ValueAndTimestamp<FxRate>> rates;
    private UsdCells cells;

    /** @param ratesCheckEvery how often (wall clock) the global table of rates is compared with those applied */
    ExportAggregator(Duration ratesCheckEvery) {
        this.ratesCheckEvery = ratesCheckEvery;
    }

    @Override
    public void init(ProcessorContext<String, ShipmentEvent> context) {
        this.context = context;
        measures = context.getStateStore(ShipmentTopology.MEASURES_STORE);
        destinations = context.getStateStore(ShipmentTopology.DESTINATIONS_STORE);
        hsRows = context.getStateStore(ShipmentTopology.HS_STORE);
        exported = context.getStateStore(ShipmentTopology.EXPORTED_STORE);
        products = context.getStateStore(ReferenceDataTopology.PRODUCTS_STORE);
        rates = context.getStateStore(ReferenceDataTopology.FX_RATES_STORE);
        cells = new UsdCells(context.getStateStore(ShipmentTopology.CELLS_STORE),
                context.getStateStore(ShipmentTopology.RATES_APPLIED_STORE));
        context.schedule(ratesCheckEvery, PunctuationType.WALL_CLOCK_TIME, now -> syncRates());
    }

    @Override
    public void process(Record<String, ShipmentEvent> record) {
        ShipmentEvent s = record.value();
        if (!EXPORTED.contains(s.getStatus()) || exported.get(s.getShipmentId()) != null) return;
        long linked = s.getLoiId() == null || s.getLoiId().isBlank() ? 0 : s.getValuePaise();
        String hs = HsCode.of(s.getHsCode(), s.getProductCode(), products);
        UsdCells.Cell cell = UsdCells.Cell.of(s.getOccurredAt(), s.getDistrictCode(), s.getProductCode(),
                s.getDestinationCountry());
        UsdCells.Addition whole = cells.add(cell, s.getValuePaise());
        UsdCells.Addition part = hs == null ? null : cells.add(cell.hsPart(hs), s.getValuePaise());
        List<MeasureUpdater.Row> rows = new ArrayList<>(rows(cell));
        if (part != null) rows.addAll(rows(cell.hsPart(hs)));
        MeasureUpdater.apply(rows, s.getOccurredAt(), (row, m) -> {
            MeasureRows.add(m, MeasureCatalog.EXPORT_SHIPMENTS, 1);
            MeasureRows.add(m, MeasureCatalog.EXPORT_VALUE, s.getValuePaise());
            MeasureRows.add(m, MeasureCatalog.LOI_LINKED_EXPORT_VALUE, linked);
            addDollars(m, row.store() == hsRows ? part.change : whole.change);
        });
        // Only once counted: a shipment refused because a total would overflow is not marked exported.
        whole.commit();
        if (part != null) part.commit();
        exported.put(s.getShipmentId(), s.getOccurredAt().toEpochMilli());
        // Exports that fulfil an LOI go on to the meet views, which link them to it.
        if (s.getLoiId() != null && !s.getLoiId().isBlank()) context.forward(record);
    }

    /** Revalues the cells and sub-cells whose day's rate changed since the rates this task last applied. */
    void syncRates() {
        var latest = UsdCells.usdRates(rates);
        for (UsdCells.Revaluation r : cells.sync(latest)) {
            MeasureUpdater.apply(rows(r.cell()), r.cell().start(), m -> addDollars(m, r.change()));
        }
        cells.applied(latest);
    }

    /** The rows that take their dollars from a cell (district, product, destination) or a sub-cell (its HS code's). */
    private List<MeasureUpdater.Row> rows(UsdCells.Cell cell) {
        if (cell.isHsPart()) return List.of(new MeasureUpdater.Row(hsRows, cell.district(), cell.hs()));
        List<MeasureUpdater.Row> rows = new ArrayList<>(MeasureUpdater.productRows(measures, cell.district(), cell.product()));
        rows.add(new MeasureUpdater.Row(destinations, cell.district(), MeasureKeys.destination(cell.country(), cell.product())));
        return rows;
    }

    private static void addDollars(Measures m, UsdCells.Converted change) {
        MeasureRows.add(m, MeasureCatalog.EXPORT_VALUE_USD, change.cents());
        MeasureRows.add(m, MeasureCatalog.EXPORT_VALUE_UNCONVERTED, change.unconvertedPaise());
    }
}

package org.odop.pulse.topology.shipment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.odop.pulse.avro.FxRate;
import org.odop.pulse.domain.FxRates;
import org.odop.pulse.domain.Periods;

/**
 * Export value in cells of (IST day, district, product, destination), and the rupee-to-dollar rates this task
 * has applied to them. Each cell is converted whole at the rate in force on its day ({@link FxRates}) and
 * rounded half-even to the cent; a cell with no rate in force counts as unconverted rupees instead. The
 * district, product and destination rows take their dollars from these cells. The rows of an HS code cannot
 * (a cell's exports may carry different codes), so each cell is also split by HS code into sub-cells, converted
 * the same way, from which the HS rows take theirs: every row is a sum of rounded cells. Both kinds live in one
 * store, told apart by the number of parts of their keys ({@code day|district|product|country} and
 * {@code day|district|product|country|hs}); keys begin with the day, so the cells a changed rate revalues are
 * one range scan.
 * <p>
 * The rates applied are kept in a changelogged store, written in the same transaction as the rows they
 * revalue, so after a crash the rows and the applied rates still agree; the global table of rates is compared
 * with them on a wall-clock schedule ({@link #sync}).
 */
final class UsdCells {
    private static final char SEP = '|';

    private final KeyValueStore<String, Long> cells;
    private final KeyValueStore<String, String> applied;
    private FxRates rates;

    UsdCells(KeyValueStore<String, Long> cells, KeyValueStore<String, String> applied) {
        this.cells = cells;
        this.applied = applied;
        this.rates = load(applied);
    }

    /**
     * A cell ({@code hs} null), or the sub-cell of a cell's exports that count under one HS code. Codes are
     * digits and the other parts codes without {@code |}, so the parts never run into each other.
     */
    record Cell(LocalDate day, String district, String product, String country, String hs) {
        static Cell of(Instant at, String district, String product, String country) {
            return new Cell(at.atZone(Periods.IST).toLocalDate(), district, product, country, null);
        }

        /** This cell's sub-cell of one HS code. */
        Cell hsPart(String code) {
            return new Cell(day, district, product, country, code);
        }

        boolean isHsPart() {
            return hs != null;
        }

        String key() {
            String cell = day.toString() + SEP + district + SEP + product + SEP + country;
            return hs == null ? cell : cell + SEP + hs;
        }

        static Cell parse(String key) {
            String[] p = key.split("\\|", -1);
            return new Cell(LocalDate.parse(p[0]), p[1], p[2], p[3], p.length > 4 ? p[4] : null);
        }

        /** The first instant of the cell's IST day: its periods. */
        Instant start() {
            return day.atStartOfDay(Periods.IST).toInstant();
        }
    }

    /** A cell's value as the views count it: dollars (cents) when a rate is in force, else unconverted paise. */
    record Converted(long cents, long unconvertedPaise) {
        Converted minus(Converted o) {
            return new Converted(cents - o.cents, unconvertedPaise - o.unconvertedPaise);
        }

        boolean isZero() {
            return cents == 0 && unconvertedPaise == 0;
        }
    }

    /** A pending addition to a cell: what it changes in the views, and {@link #commit} to keep it. */
    final class Addition {
        private final Cell cell;
        private final long after;
        final Converted change;

        private Addition(Cell cell, long after, Converted change) {
            this.cell = cell;
            this.after = after;
            this.change = change;
        }

        void commit() {
            cells.put(cell.key(), after);
        }
    }

    /**
     * What adding {@code paise} to a cell (or sub-cell) changes, not yet written (so the caller can write every row or none).
     *
     * @throws ArithmeticException if the cell's total would leave the range of a long
     */
    Addition add(Cell cell, long paise) {
        Long before = cells.get(cell.key());
        long b = before == null ? 0 : before;
        long after = Math.addExact(b, paise);
        return new Addition(cell, after, convert(after, cell.day(), rates).minus(convert(b, cell.day(), rates)));
    }

    static Converted convert(long paise, LocalDate day, FxRates rates) {
        Optional<BigDecimal> rate = rates.inForce(day);
        return rate.map(r -> new Converted(FxRates.cents(paise, r), 0)).orElseGet(() -> new Converted(0, paise));
    }

    /** A revaluation of one cell: the change to its views. */
    record Revaluation(Cell cell, Converted change) {}

    /**
     * Brings the applied rates up to {@code latest} (the global table's USD rates): the revaluation of every
     * cell and sub-cell whose day's rate changed, for the caller to apply to the views, after which the applied rates are
     * {@code latest}. Empty when nothing changed.
     */
    List<Revaluation> sync(FxRates latest) {
        if (latest.equals(rates)) return List.of();
        List<Revaluation> out = new ArrayList<>();
        latest.changedDays(rates).forEach((from, to) -> {
            // Keys of day "to" sort after "to" itself, so the inclusive upper bound leaves them out.
            String upper = to == null ? Character.toString(Character.MAX_VALUE) : to.toString();
            try (KeyValueIterator<String, Long> it = cells.range(from.toString(), upper)) {
                while (it.hasNext()) {
                    KeyValue<String, Long> kv = it.next();
                    Cell cell = Cell.parse(kv.key);
                    Converted change = convert(kv.value, cell.day(), latest).minus(convert(kv.value, cell.day(), rates));
                    if (!change.isZero()) out.add(new Revaluation(cell, change));
                }
            }
        });
        return out;
    }

    /** Records {@code latest} as applied: call after the revaluations of {@link #sync} are written. */
    void applied(FxRates latest) {
        // Only what changed is written: the check runs every second on every task, and rewriting every rate each time
        // cost a store write and a changelog record per rate per second (a bench run found 15,500 keys' churn here).
        for (LocalDate gone : rates.asMap().keySet()) {
            if (!latest.asMap().containsKey(gone)) applied.delete(FxRates.key(FxRates.USD, gone));
        }
        latest.asMap().forEach((day, rate) -> {
            if (!rate.equals(rates.asMap().get(day))) applied.put(FxRates.key(FxRates.USD, day), rate.toPlainString());
        });
        rates = latest;
    }

    /** The USD rates of the global table of rates. */
    static FxRates usdRates(KeyValueStore<String, ValueAndTimestamp<FxRate>> global) {
        Map<LocalDate, BigDecimal> m = new HashMap<>();
        String prefix = FxRates.prefix(FxRates.USD);
        try (KeyValueIterator<String, ValueAndTimestamp<FxRate>> it = global.range(prefix, prefix + Character.MAX_VALUE)) {
            it.forEachRemaining(kv -> {
                FxRate r = kv.value == null ? null : kv.value.value();
                if (r != null && FxRates.USD.equals(r.getCurrency())) m.put(r.getValidFrom(), r.getInrPerUnit());
            });
        }
        return new FxRates(m);
    }

    private static FxRates load(KeyValueStore<String, String> applied) {
        Map<LocalDate, BigDecimal> m = new HashMap<>();
        try (KeyValueIterator<String, String> it = applied.all()) {
            it.forEachRemaining(kv -> m.put(FxRates.validFrom(kv.key), new BigDecimal(kv.value)));
        }
        return new FxRates(m);
    }
}

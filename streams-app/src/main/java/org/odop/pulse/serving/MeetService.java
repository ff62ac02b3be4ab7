package org.odop.pulse.serving;

import org.odop.pulse.domain.LoiStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.odop.pulse.avro.District;
import org.odop.pulse.domain.Money;
import org.odop.pulse.domain.Periods;
import org.odop.pulse.serving.cluster.LoiRows;
import org.odop.pulse.topology.meet.FollowUp;

/**
 * Buyer-seller meet follow-up views over every LOI as counted (with its corrections and linked exports): the meets,
 * one meet in detail, and the LOIs due for follow-up. A meet is the set of LOIs that name it; its LOIs may be in
 * several districts and states. Money is summed in paise and shown in rupees with two decimals; conversion is
 * computed from the exact sums. Whether an LOI is due depends on the wall clock.
 */
public final class MeetService {
    /** Decimals of a conversion ratio. */
    static final int CONVERSION_SCALE = 4;

    private final LoiSource lois;
    private final Supplier<List<District>> districts;
    private final FollowUp followUp;
    private final Clock clock;

    /** @param followUp when an LOI with no linked export is due ({@link FollowUp#dueAt}) */
    public MeetService(LoiSource lois, Supplier<List<District>> districts, FollowUp followUp, Clock clock) {
        this.lois = lois;
        this.districts = districts;
        this.followUp = followUp;
        this.clock = clock;
    }

    /**
     * Every meet, newest first (by its last LOI signed, then meet id), or those with an LOI in a district of
     * {@code stateCode}, and those whose first LOI was signed on an IST date within {@code [from, to]}. Each meet
     * shows all its LOIs, in whichever state.
     *
     * @param stateCode null: every state
     * @param from      {@code YYYY-MM-DD}, or null: no lower bound
     * @param to        {@code YYYY-MM-DD}, or null: no upper bound
     * @throws IllegalArgumentException for a malformed date, or {@code from} after {@code to}
     * @throws NotFoundException        for a state with no district in the reference data
     */
    public MeetsView meets(String stateCode, String from, String to) {
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        Predicate<String> inState = districtsOf(stateCode);
        List<MeetsView.Meet> out = new ArrayList<>();
        byMeet(lois.all()).forEach((meetId, rows) -> {
            if (rows.stream().noneMatch(r -> inState.test(r.districtCode()))) return;
            Totals t = Totals.of(rows);
            LocalDate first = t.firstSignedAt().atZone(Periods.IST).toLocalDate();
            if (fromDate != null && first.isBefore(fromDate)) return;
            if (toDate != null && first.isAfter(toDate)) return;
            List<String> codes = rows.stream().map(LoiRows.Row::districtCode).collect(Collectors.toCollection(TreeSet::new))
                    .stream().toList();
            out.add(new MeetsView.Meet(meetId, t.firstSignedAt(), t.lastSignedAt(), codes, t.count(),
                    Money.paiseToRupees(t.valuePaise()), t.linkedShipments(), Money.paiseToRupees(t.linkedValuePaise()),
                    conversion(t.linkedValuePaise(), t.valuePaise())));
        });
        out.sort(Comparator.comparing(MeetsView.Meet::lastSignedAt, Comparator.reverseOrder())
                .thenComparing(MeetsView.Meet::meetId));
        return new MeetsView(out);
    }

    /** One meet in detail; empty when no LOI names it. */
    public Optional<MeetView> meet(String meetId) {
        List<LoiRows.Row> rows = lois.all().stream().filter(r -> r.meetId().equals(meetId)).toList();
        if (rows.isEmpty()) return Optional.empty();
        Totals t = Totals.of(rows);
        long now = clock.millis();

        Map<String, List<LoiRows.Row>> byDistrict = rows.stream().collect(Collectors.groupingBy(LoiRows.Row::districtCode));
        List<Totals.Keyed> districtTotals = new ArrayList<>();
        byDistrict.forEach((code, ofDistrict) -> districtTotals.add(new Totals.Keyed(code, Totals.of(ofDistrict))));
        districtTotals.sort(Comparator.comparingLong((Totals.Keyed k) -> k.totals().valuePaise()).reversed()
                .thenComparing(Totals.Keyed::key));
        List<MeetView.DistrictRow> districtRows = districtTotals.stream()
                .map(k -> new MeetView.DistrictRow(k.key(), k.totals().count(), Money.paiseToRupees(k.totals().valuePaise()),
                        Money.paiseToRupees(k.totals().linkedValuePaise())))
                .toList();

        List<MeetView.Loi> loiRows = rows.stream().sorted(OLDEST_FIRST)
                .map(r -> new MeetView.Loi(r.loiId(), r.districtCode(), r.productCode(), r.buyer(), r.seller(),
                        Money.paiseToRupees(r.valuePaise()), Instant.ofEpochMilli(r.signedAtMillis()),
                        r.linkedExportShipments(), Money.paiseToRupees(r.linkedExportValuePaise()), status(r, now)))
                .toList();

        List<MeetView.Correction> corrections = new ArrayList<>();
        for (LoiRows.Row r : rows.stream().sorted(Comparator.comparing(LoiRows.Row::loiId)).toList()) {
            for (LoiRows.Correction c : r.corrections()) {
                corrections.add(new MeetView.Correction(r.loiId(), Instant.ofEpochMilli(c.correctedAtMillis()),
                        Money.paiseToRupees(c.previousValuePaise()), c.previousProductCode(), c.previousDistrictCode()));
            }
        }
        // Stable: one LOI's corrections at the same instant keep the order the LOI lists them in.
        corrections.sort(Comparator.comparing(MeetView.Correction::correctedAt).thenComparing(MeetView.Correction::loiId));

        return Optional.of(new MeetView(meetId, t.firstSignedAt(), t.lastSignedAt(), t.count(),
                Money.paiseToRupees(t.valuePaise()), distinct(rows, LoiRows.Row::buyer), distinct(rows, LoiRows.Row::seller),
                t.linkedShipments(), Money.paiseToRupees(t.linkedValuePaise()), conversion(t.linkedValuePaise(), t.valuePaise()),
                districtRows, loiRows, corrections));
    }

    /**
     * LOIs with no linked export past the follow-up limit, oldest first (by signedAt, then loiId); of one state, one
     * district and one meet when asked (an unknown meet has none).
     *
     * @throws NotFoundException for a state with no district, or a district not in the reference data
     */
    public FollowUpView followUp(String stateCode, String districtCode, String meetId) {
        Predicate<String> inState = districtsOf(stateCode);
        if (districtCode != null && districts.get().stream().noneMatch(d -> districtCode.equals(d.getDistrictCode()))) {
            throw new NotFoundException("unknown district '" + districtCode + "'");
        }
        Instant now = clock.instant();
        List<FollowUpView.Loi> out = lois.all().stream()
                .filter(r -> inState.test(r.districtCode()))
                .filter(r -> districtCode == null || districtCode.equals(r.districtCode()))
                .filter(r -> meetId == null || meetId.equals(r.meetId()))
                .filter(r -> status(r, now.toEpochMilli()) == LoiStatus.DUE)
                .sorted(OLDEST_FIRST)
                .map(r -> {
                    Instant signedAt = Instant.ofEpochMilli(r.signedAtMillis());
                    return new FollowUpView.Loi(r.loiId(), r.meetId(), r.districtCode(), r.productCode(), r.buyer(),
                            r.seller(), Money.paiseToRupees(r.valuePaise()), signedAt,
                            Duration.between(signedAt, now).toDays());
                })
                .toList();
        return new FollowUpView(out);
    }

    /** Linked export value over LOI value, exactly, rounded half-even to four decimals; null for LOIs worth nothing. */
    static BigDecimal conversion(long linkedExportValuePaise, long loiValuePaise) {
        if (loiValuePaise == 0) return null;
        return BigDecimal.valueOf(linkedExportValuePaise)
                .divide(BigDecimal.valueOf(loiValuePaise), CONVERSION_SCALE, RoundingMode.HALF_EVEN);
    }

    private static final Comparator<LoiRows.Row> OLDEST_FIRST =
            Comparator.comparingLong(LoiRows.Row::signedAtMillis).thenComparing(LoiRows.Row::loiId);

    private LoiStatus status(LoiRows.Row r, long nowMillis) {
        return LoiStatus.of(r.valuePaise(), r.linkedExportShipments(), r.linkedExportValuePaise(),
                followUp.dueAt(r.signedAtMillis()), nowMillis);
    }

    /** Every district when {@code stateCode} is null, else those of the state (which must have some). */
    private Predicate<String> districtsOf(String stateCode) {
        if (stateCode == null) return d -> true;
        Set<String> codes = districts.get().stream().filter(d -> stateCode.equals(d.getStateCode()))
                .map(District::getDistrictCode).collect(Collectors.toSet());
        if (codes.isEmpty()) throw new NotFoundException("no district of the reference data is in state '" + stateCode + "'");
        return codes::contains;
    }

    private static Map<String, List<LoiRows.Row>> byMeet(List<LoiRows.Row> rows) {
        Map<String, List<LoiRows.Row>> out = new TreeMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.meetId(), m -> new ArrayList<>()).add(r));
        return out;
    }

    private static long distinct(List<LoiRows.Row> rows, java.util.function.Function<LoiRows.Row, String> name) {
        Set<String> names = new HashSet<>();
        rows.forEach(r -> names.add(name.apply(r)));
        return names.size();
    }

    /** An ISO date ({@code YYYY-MM-DD}), or null when not given. */
    private static LocalDate date(String name, String text) {
        if (text == null) return null;
        try {
            if (text.length() == 10) return LocalDate.parse(text);
        } catch (DateTimeParseException malformed) {
            // reported below
        }
        String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        throw new IllegalArgumentException("malformed " + name + " date '" + shown + "': use YYYY-MM-DD (an IST calendar date)");
    }

    /** What some LOIs add up to, money in paise. */
    private record Totals(long count, long valuePaise, long linkedShipments, long linkedValuePaise,
                          Instant firstSignedAt, Instant lastSignedAt) {
        record Keyed(String key, Totals totals) {}

        static Totals of(List<LoiRows.Row> rows) {
            long count = 0, value = 0, shipments = 0, linked = 0;
            long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
            for (LoiRows.Row r : rows) {
                count++;
                value = Math.addExact(value, r.valuePaise());
                shipments = Math.addExact(shipments, r.linkedExportShipments());
                linked = Math.addExact(linked, r.linkedExportValuePaise());
                first = Math.min(first, r.signedAtMillis());
                last = Math.max(last, r.signedAtMillis());
            }
            return new Totals(count, value, shipments, linked, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last));
        }
    }
}

package org.odop.pulse.demo;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.odop.pulse.ingest.RecordType;

/**
 * One pass of the generator. Entities (meets, shipments, orders) start in time order; when one starts,
 * all of its events are planned and queued by arrival time, and a queued line is handed out once no
 * entity still to start could produce an earlier one. Memory holds only the entities in flight.
 */
final class DemoRun implements Iterator<GeneratedLine> {
    /** Meets late LOIs may join, and how many late LOIs one meet gets at most (a few, even when it is the only one). */
    private static final int RECENT_MEETS = 30, LATE_LOIS_PER_MEET = 5;

    private record Queued(GeneratedLine line, long seq) {}

    private static final class HeldMeet {
        final String meetId;
        final List<DemoProduct> products;
        final Instant opens;
        final double hours;
        int lateLois;

        HeldMeet(String meetId, List<DemoProduct> products, Instant opens, double hours) {
            this.meetId = meetId;
            this.products = products;
            this.opens = opens;
            this.hours = hours;
        }
    }

    private final DemoOptions options;
    private final Pace pace;
    private final EntityStarts starts;
    private final Rand content;
    private final Rand twists;
    private final Ids ids;
    private final Meets meets, extraMeets;
    private final Shipments shipments, extraShipments;
    private final Conversions conversions;
    private final Orders orders, extraOrders;
    private final PriorityQueue<Queued> queue = new PriorityQueue<>(
            Comparator.comparing((Queued q) -> q.line().arrivesAt()).thenComparingLong(Queued::seq));
    private final Deque<HeldMeet> recentMeets = new ArrayDeque<>();
    private long seq;
    private GeneratedLine next;
    private boolean done;

    DemoRun(DemoOptions options) {
        this.options = options;
        this.pace = new Pace(options.day());
        // Separate streams: the timeline, the events, and the twists, so one share does not reshuffle the rest.
        SplittableRandom root = new SplittableRandom(options.seed());
        this.starts = new EntityStarts(new Rand(root.split()), options);
        this.content = new Rand(root.split());
        this.twists = new Rand(root.split());
        this.ids = new Ids(options.idPrefix());
        for (HistoricMeet m : HistoricMeet.values()) ids.reserveMeet(m.meetId);
        this.meets = new Meets(content, ids, pace);
        this.shipments = new Shipments(content, ids, pace);
        this.conversions = new Conversions(content, pace);
        this.orders = new Orders(content, ids, pace);
        this.extraMeets = new Meets(twists, ids, pace);
        this.extraShipments = new Shipments(twists, ids, pace);
        this.extraOrders = new Orders(twists, ids, pace);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) next = advance();
        return next != null;
    }

    @Override
    public GeneratedLine next() {
        if (!hasNext()) throw new NoSuchElementException();
        GeneratedLine line = next;
        next = null;
        return line;
    }

    private GeneratedLine advance() {
        while (true) {
            EntityStarts.Start start = starts.peek();
            Queued head = queue.peek();
            if (head != null && (start == null || !head.line().arrivesAt().isAfter(start.at()))) {
                queue.poll();
                if (options.cutoff() != null && head.line().arrivesAt().isAfter(options.cutoff())) break;
                maybeResend(head.line());
                if (options.emitFrom() != null && head.line().arrivesAt().isBefore(options.emitFrom())) continue;
                return head.line();
            }
            if (start == null) break;
            if (options.cutoff() != null && start.at().isAfter(options.cutoff())) break;
            begin(starts.poll());
        }
        done = true;
        queue.clear();
        return null;
    }

    private void begin(EntityStarts.Start s) {
        int events = switch (s.kind()) {
            case HISTORIC_MEET -> {
                List<Drafts.Loi> lois = meets.historic(s.historic());
                yield meet(null, null, null, 0, lois, conversions.thirds(lois.size()));
            }
            case MEET -> {
                MeetTheme theme = content.pickWeighted(List.of(MeetTheme.values()), t -> t.weight);
                List<Drafts.Loi> lois = meets.random(theme, s.at());
                Drafts.Loi first = lois.get(0);
                yield meet(first.meetId(), theme.products, opensOf(lois), 6, lois, null);
            }
            case SHIPMENT -> shipment(s.at());
            case ORDER -> order(s.at());
        };
        for (int i = 0; i < events; i++) extras(s.at());
    }

    /**
     * Queues a meet's LOIs and the shipments each leads to (outcomes given, or drawn when null), planned now and
     * booked weeks later; returns the lines of both, which bring their share of twists now, like any entity's.
     */
    private int meet(String meetId, List<DemoProduct> products, Instant opens, double hours, List<Drafts.Loi> lois,
                     List<Conversions.Outcome> outcomes) {
        int events = lois.size();
        for (int i = 0; i < lois.size(); i++) {
            Drafts.Loi l = lois.get(i);
            queue(RecordType.LOIS, EventLines.loi(ids.event(), l).toString(), Twist.NONE,
                    pace.afterMinutes(l.signedAt(), content.uniform(2, 90)));
            Conversions.Outcome outcome = outcomes != null ? outcomes.get(i) : conversions.draw();
            for (Conversions.Lot lot : conversions.lots(l, outcome)) events += ship(shipments.plan(lot.booked(), l, lot.paise()));
        }
        // Late LOIs may join a recent meet, but never a historic one: its figures are the record.
        if (meetId != null) recentMeets.addLast(new HeldMeet(meetId, products, opens, hours));
        if (recentMeets.size() > RECENT_MEETS) recentMeets.removeFirst();
        return events;
    }

    private static Instant opensOf(List<Drafts.Loi> lois) {
        return lois.stream().map(Drafts.Loi::signedAt).min(Comparator.naturalOrder()).orElseThrow();
    }

    private int shipment(Instant booked) {
        return ship(shipments.plan(booked));
    }

    /** Queues a shipment's stages by arrival, one of them maybe out of order; returns how many. */
    private int ship(Shipments.Plan plan) {
        List<Drafts.Step> steps = plan.steps();
        Instant[] arrivals = new Instant[steps.size()];
        for (int i = 0; i < steps.size(); i++) arrivals[i] = pace.afterMinutes(steps.get(i).at(), content.uniform(1, 180));
        int late = -1;
        if (steps.size() >= 2 && twists.chance(options.outOfOrderShare())) {
            // One stage reaches us after the next one: it is queued last, so it also loses any tie.
            late = twists.between(0, steps.size() - 2);
            arrivals[late] = pace.strictlyAfter(arrivals[late + 1], twists.uniform(1, 360) / 1440);
        }
        for (int i = 0; i < steps.size(); i++) {
            if (i == late) continue;
            queue(RecordType.SHIPMENTS, shipmentLine(plan, i), Twist.NONE, arrivals[i]);
        }
        if (late >= 0) queue(RecordType.SHIPMENTS, shipmentLine(plan, late), Twist.OUT_OF_ORDER, arrivals[late]);
        return steps.size();
    }

    private String shipmentLine(Shipments.Plan plan, int i) {
        Drafts.Step step = plan.steps().get(i);
        return EventLines.shipment(ids.event(), plan.shipment(), step.status(), step.at()).toString();
    }

    private int order(Instant placed) {
        Orders.Plan plan = orders.plan(placed);
        for (Drafts.Step step : plan.steps()) {
            queue(RecordType.ORDERS, EventLines.order(ids.event(), plan.order(), step.status(), step.at()).toString(),
                    Twist.NONE, pace.afterMinutes(step.at(), content.uniform(0.05, 5)));
        }
        return plan.steps().size();
    }

    /** Per real event: maybe a bad line, an event for an unknown district, a late event. */
    private void extras(Instant at) {
        if (twists.chance(options.invalidShare())) invalid(arrival(at));
        if (twists.chance(options.unknownDistrictShare())) unknownDistrict(arrival(at));
        if (twists.chance(options.lateShare())) late(arrival(at));
    }

    private Instant arrival(Instant at) {
        return pace.afterMinutes(at, twists.uniform(0, 120));
    }

    private void invalid(Instant arrives) {
        RecordType type = twists.pick(List.of(RecordType.LOIS, RecordType.SHIPMENTS, RecordType.SHIPMENTS,
                RecordType.ORDERS, RecordType.ORDERS));
        DemoProduct p = twists.pick(Catalog.PRODUCTS);
        JsonLine line;
        long paise;
        switch (type) {
            case LOIS -> {
                Drafts.Loi l = extraMeets.single(meetIdOn(p.districtCode(), arrives), List.of(p), arrives, 1);
                line = EventLines.loi(ids.extraEvent(), l);
                paise = l.paise();
            }
            case SHIPMENTS -> {
                Drafts.Shipment s = extraShipments.draft(p, null, null);
                line = EventLines.shipment(ids.extraEvent(), s, "BOOKED", arrives);
                paise = s.paise();
            }
            default -> {
                Drafts.Order o = extraOrders.draft(p, null);
                line = EventLines.order(ids.extraEvent(), o, "PLACED", arrives);
                paise = o.paise();
            }
        }
        Defects.Spoiled spoiled = Defects.spoil(type, line, paise, twists);
        queue(type, spoiled.json(), spoiled.twist(), arrives);
    }

    private void unknownDistrict(Instant arrives) {
        DemoProduct p = twists.pick(Catalog.PRODUCTS.stream().filter(d -> d.stateCode().equals("JK")).toList());
        String district = Catalog.UNKNOWN_DISTRICT;
        switch (twists.between(0, 2)) {
            case 0 -> {
                Drafts.Loi l = extraMeets.single(meetIdOn(district, arrives), List.of(p), arrives, 1);
                Drafts.Loi elsewhere = new Drafts.Loi(l.loiId(), l.meetId(), p, l.hsCode(), district, l.buyer(), l.seller(),
                        l.paise(), l.signedAt());
                queue(RecordType.LOIS, EventLines.loi(ids.extraEvent(), elsewhere).toString(), Twist.UNKNOWN_DISTRICT, arrives);
            }
            case 1 -> queue(RecordType.SHIPMENTS, EventLines.shipment(ids.extraEvent(),
                    extraShipments.draft(p, district, null), "CUSTOMS_CLEARED", arrives).toString(),
                    Twist.UNKNOWN_DISTRICT, arrives);
            default -> queue(RecordType.ORDERS, EventLines.order(ids.extraEvent(), extraOrders.draft(p, district),
                    "PLACED", arrives).toString(), Twist.UNKNOWN_DISTRICT, arrives);
        }
    }

    /** A meet id for a one-off LOI; not reserved, so the twists never change the ordinary meets' ids. */
    private static String meetIdOn(String district, Instant at) {
        return "BSM-" + district + "-" + JsonLine.timestamp(at).substring(0, 10);
    }

    /** An LOI from a meet weeks ago reported only now, or an order weeks old that a storefront sends late. */
    private void late(Instant arrives) {
        List<HeldMeet> weeksAgo = recentMeets.stream().filter(m -> m.lateLois < LATE_LOIS_PER_MEET)
                .filter(m -> Pace.days(m.opens, arrives) >= 14 && Pace.days(m.opens, arrives) <= 90).toList();
        if (!weeksAgo.isEmpty() && twists.chance(0.4)) {
            HeldMeet meet = twists.pick(weeksAgo);
            meet.lateLois++;
            Drafts.Loi l = extraMeets.single(meet.meetId, meet.products, meet.opens, meet.hours);
            queue(RecordType.LOIS, EventLines.loi(ids.extraEvent(), l).toString(), Twist.LATE, arrives);
        } else {
            Instant placed = Pace.calendarDaysBefore(arrives, twists.uniform(14, 56));
            Drafts.Order o = extraOrders.draft(twists.pickWeighted(Catalog.PRODUCTS, DemoProduct::retailWeight), null);
            queue(RecordType.ORDERS, EventLines.order(ids.extraEvent(), o, "PLACED", placed).toString(), Twist.LATE, arrives);
        }
    }

    /** Some producers retry: the same line, same eventId, again a little later. */
    private void maybeResend(GeneratedLine line) {
        boolean real = line.twist() == Twist.NONE || line.twist() == Twist.LATE || line.twist() == Twist.OUT_OF_ORDER;
        if (real && twists.chance(options.duplicateShare())) {
            queue.add(new Queued(line.resentAt(pace.after(line.arrivesAt(), twists.uniform(0.001, 2))), seq++));
        }
    }

    private void queue(RecordType type, String json, Twist twist, Instant arrivesAt) {
        queue.add(new Queued(new GeneratedLine(type, json, twist, arrivesAt), seq++));
    }
}

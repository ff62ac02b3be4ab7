package org.odop.pulse.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a shipment's way from the district to the buyer: BOOKED, DISPATCHED, AT_PORT, CUSTOMS_CLEARED,
 * SHIPPED, DELIVERED, days apart; a few stall at a stage for good and a few are cancelled early.
 */
final class Shipments {
    static final String[] STAGES = {"BOOKED", "DISPATCHED", "AT_PORT", "CUSTOMS_CLEARED", "SHIPPED", "DELIVERED"};
    static final double STALL_SHARE = 0.06, CANCEL_SHARE = 0.05;

    record Plan(Drafts.Shipment shipment, List<Drafts.Step> steps) {}

    private final Rand rand;
    private final Ids ids;
    private final Pace pace;

    Shipments(Rand rand, Ids ids, Pace pace) {
        this.rand = rand;
        this.ids = ids;
        this.pace = pace;
    }

    /** A shipment of no LOI booked at {@code booked}. */
    Plan plan(Instant booked) {
        Drafts.Shipment s = draft(rand.pickWeighted(Catalog.PRODUCTS, DemoProduct::exportWeight), null, null);
        return new Plan(s, steps(s, booked));
    }

    /** A lot of {@code loi} worth {@code paise}, booked at {@code booked}: its district, product and tariff line. */
    Plan plan(Instant booked, Drafts.Loi loi, long paise) {
        Drafts.Shipment s = forLoi(loi, paise);
        return new Plan(s, steps(s, booked));
    }

    /** The shipment as data alone, for one-off events (unknown districts, bad records). */
    Drafts.Shipment draft(DemoProduct p, String districtCode, String loiId) {
        long quantity = rand.between(p.exportLot()[0], p.exportLot()[1]);
        long paise = Math.round(quantity * rand.uniform(p.exportPrice()[0], p.exportPrice()[1]) * 100);
        return shipment(p, Catalog.ownHsCode(p, rand), districtCode == null ? p.districtCode() : districtCode, loiId,
                quantity, paise);
    }

    private Drafts.Shipment forLoi(Drafts.Loi loi, long paise) {
        DemoProduct p = loi.product();
        double unitPrice = rand.uniform(p.exportPrice()[0], p.exportPrice()[1]);
        long quantity = Math.max(1, Math.round(paise / 100.0 / unitPrice));
        // The shipping bill names the tariff line the LOI named, if it named one.
        String hsCode = loi.hsCode() != null ? loi.hsCode() : Catalog.ownHsCode(p, rand);
        return shipment(p, hsCode, loi.districtCode(), loi.loiId(), quantity, paise);
    }

    private Drafts.Shipment shipment(DemoProduct p, String hsCode, String district, String loiId, long quantity,
                                     long paise) {
        String country = rand.pickWeighted(Catalog.destinations(p), Catalog.Weighted::weight).value();
        return new Drafts.Shipment(ids.shipment(), loiId, p, hsCode, district, quantity, paise, country,
                rand.pick(Catalog.ports(p)));
    }

    private List<Drafts.Step> steps(Drafts.Shipment s, Instant booked) {
        int last = STAGES.length - 1;
        boolean cancelled = false;
        double outcome = rand.nextDouble();
        if (outcome < STALL_SHARE) {
            last = rand.between(0, STAGES.length - 2);
        } else if (outcome < STALL_SHARE + CANCEL_SHARE) {
            last = rand.between(0, 1);
            cancelled = true;
        }
        List<Drafts.Step> steps = new ArrayList<>(last + 2);
        Instant at = booked;
        steps.add(new Drafts.Step(STAGES[0], at));
        for (int i = 1; i <= last; i++) {
            at = pace.strictlyAfter(at, delayDays(i, s));
            steps.add(new Drafts.Step(STAGES[i], at));
        }
        if (cancelled) steps.add(new Drafts.Step("CANCELLED", pace.strictlyAfter(at, rand.uniform(1, 4))));
        return steps;
    }

    /** Days from the previous stage to stage {@code i}: the dry port is close, the sea is long. */
    private double delayDays(int i, Drafts.Shipment s) {
        boolean air = s.port().equals(Catalog.AIR_CARGO), katra = s.port().equals(Catalog.ICD_KATRA);
        return switch (STAGES[i]) {
            case "DISPATCHED" -> rand.uniform(1, 5);
            case "AT_PORT" -> katra ? rand.uniform(0.3, 1) : air ? rand.uniform(1, 2) : rand.uniform(2, 6);
            case "CUSTOMS_CLEARED" -> air ? rand.uniform(0.3, 1) : rand.uniform(1, 4);
            case "SHIPPED" -> katra ? rand.uniform(4, 8) : air ? rand.uniform(0.2, 1) : rand.uniform(1, 5);
            default -> {
                double[] transit = Catalog.transitDays(s.country(), s.port());
                yield rand.uniform(transit[0], transit[1]);
            }
        };
    }
}

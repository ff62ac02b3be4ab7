package org.odop.pulse.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Plans e-commerce orders on the ODOP storefronts; some are cancelled within days or returned weeks later. */
final class Orders {
    static final double CANCEL_SHARE = 0.06, RETURN_SHARE = 0.04;
    private static final List<String> PLATFORMS = List.of("AMAZON", "FLIPKART", "GEM", "OTHER");
    private static final int[] PLATFORM_WEIGHTS = {35, 25, 25, 15};

    record Plan(Drafts.Order order, List<Drafts.Step> steps) {}

    private final Rand rand;
    private final Ids ids;
    private final Pace pace;

    Orders(Rand rand, Ids ids, Pace pace) {
        this.rand = rand;
        this.ids = ids;
        this.pace = pace;
    }

    Plan plan(Instant placed) {
        Drafts.Order o = draft(rand.pickWeighted(Catalog.PRODUCTS, DemoProduct::retailWeight), null);
        List<Drafts.Step> steps = new ArrayList<>(2);
        steps.add(new Drafts.Step("PLACED", placed));
        double outcome = rand.nextDouble();
        if (outcome < CANCEL_SHARE) {
            steps.add(new Drafts.Step("CANCELLED", pace.strictlyAfter(placed, rand.uniform(0.05, 2))));
        } else if (outcome < CANCEL_SHARE + RETURN_SHARE) {
            steps.add(new Drafts.Step("RETURNED", pace.strictlyAfter(placed, rand.uniform(5, 20))));
        }
        return new Plan(o, steps);
    }

    /** An order as data alone; GeM orders are government bulk buys, the others mostly a single item. */
    Drafts.Order draft(DemoProduct p, String districtCode) {
        String platform = PLATFORMS.get(platformIndex());
        long quantity = platform.equals("GEM") ? rand.between(5, 100) : rand.chance(0.8) ? 1 : rand.between(2, 3);
        // Shop prices end in 99 (Rs 1,499) and some in 99.50, as storefronts show them.
        long rupees = Math.max(99, Math.round(rand.uniform(p.retailPrice()[0], p.retailPrice()[1]) / 50) * 50 - 1);
        long unitPaise = rupees * 100 + (rand.chance(0.2) ? 50 : 0);
        return new Drafts.Order(ids.order(platform), platform, p, districtCode == null ? p.districtCode() : districtCode,
                quantity, quantity * unitPaise);
    }

    private int platformIndex() {
        int r = rand.between(0, 99);
        for (int i = 0; i < PLATFORM_WEIGHTS.length; i++) {
            r -= PLATFORM_WEIGHTS[i];
            if (r < 0) return i;
        }
        return PLATFORM_WEIGHTS.length - 1;
    }
}

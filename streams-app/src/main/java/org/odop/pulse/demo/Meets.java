package org.odop.pulse.demo;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** Plans the LOIs signed at a buyer-seller meet: dozens within a few hours. */
final class Meets {
    /** LOIs are for round sums: multiples of Rs 1,000, at least Rs 50,000. */
    private static final long ROUND_PAISE = 100_000, MIN_PAISE = 5_000_000;

    private final Rand rand;
    private final Ids ids;
    private final Pace pace;

    Meets(Rand rand, Ids ids, Pace pace) {
        this.rand = rand;
        this.ids = ids;
        this.pace = pace;
    }

    /** A meet as it happened, with its real date, products and, where known, its exact total. */
    List<Drafts.Loi> historic(HistoricMeet m) {
        long[] values = m.totalPaise > 0 ? split(m.totalPaise, m.lois) : null;
        return plan(m.meetId, m.products, m.opens, m.hours, m.lois, values);
    }

    /** A meet of the theme opening at or after {@code notBefore}, in office hours when days are real days. */
    List<Drafts.Loi> random(MeetTheme theme, Instant notBefore) {
        Instant opens = notBefore;
        if (pace.realDays()) {
            var day = notBefore.atOffset(JsonLine.IST).toLocalDate();
            opens = day.atTime(LocalTime.of(10, 0)).toInstant(JsonLine.IST).plusSeconds(rand.between(0, 7_200));
            if (opens.isBefore(notBefore)) opens = opens.plusSeconds(86_400);
        }
        String meetId = ids.meet(theme.hostDistrict, opens);
        return plan(meetId, theme.products, opens, rand.uniform(3, 6), rand.between(12, 40), null);
    }

    /** One LOI of a lot of the product, for a meet already held (a late report). */
    Drafts.Loi single(String meetId, List<DemoProduct> products, Instant opens, double hours) {
        return plan(meetId, products, opens, hours, 1, null).get(0);
    }

    private List<Drafts.Loi> plan(String meetId, List<DemoProduct> products, Instant opens, double hours, int count,
                                  long[] values) {
        // Each meet draws its own handful of the buyers, who then sign several LOIs each.
        List<String> buyers = new ArrayList<>();
        int wanted = Math.min(Catalog.BUYERS.size(), rand.between(6, 15));
        while (buyers.size() < wanted) {
            String b = rand.pick(Catalog.BUYERS);
            if (!buyers.contains(b)) buyers.add(b);
        }
        List<Drafts.Loi> lois = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DemoProduct p = rand.pick(products);
            long paise = values != null ? values[i] : lotValue(p);
            Instant signedAt = pace.after(opens, rand.uniform(0, hours) / 24);
            String hsCode = Catalog.ownHsCode(p, rand);
            lois.add(new Drafts.Loi(ids.loi(), meetId, p, hsCode, p.districtCode(), rand.pick(buyers),
                    Sellers.of(p, rand), paise, signedAt));
        }
        return lois;
    }

    private long lotValue(DemoProduct p) {
        double rupees = rand.between(p.exportLot()[0], p.exportLot()[1]) * rand.uniform(p.exportPrice()[0], p.exportPrice()[1]);
        long paise = Math.round(rupees * 100 / ROUND_PAISE) * ROUND_PAISE;
        return Math.max(MIN_PAISE, paise);
    }

    /** Splits an exact total into {@code n} round LOI values of varied size that add up to it to the paisa. */
    private long[] split(long totalPaise, int n) {
        long units = totalPaise / ROUND_PAISE;
        long remainder = totalPaise % ROUND_PAISE;
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) sum += weights[i] = rand.uniform(0.3, 2.0);
        long[] values = new long[n];
        long given = 0;
        for (int i = 0; i < n - 1; i++) {
            long u = Math.max(1, (long) Math.floor(units * weights[i] / sum));
            values[i] = u * ROUND_PAISE;
            given += u;
        }
        values[n - 1] = (units - given) * ROUND_PAISE + remainder;
        return values;
    }
}

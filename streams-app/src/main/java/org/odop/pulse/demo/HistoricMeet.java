package org.odop.pulse.demo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Buyer-seller meets that took place, reproduced with their real dates and figures. */
enum HistoricMeet {
    /** Jammu, 2022-04-21: agro products. */
    JAMMU_2022_04_21("BSM-JK-JAMMU-2022-04-21", "JK-JAMMU", "2022-04-21T10:30:00+05:30", 5, 24, 0,
            Catalog.products("RAJMASH", "WALNUT", "SAFFRON", "HONEY", "BASMATI", "APPLE")),
    /** Srinagar, SKICC, 2022-07-30: 30 LOIs for handicraft and handloom products worth Rs 10.50 crore. */
    SRINAGAR_SKICC_2022_07_30("BSM-JK-SRINAGAR-SKICC-2022-07-30", "JK-SRINAGAR", "2022-07-30T11:00:00+05:30", 5.5, 30,
            10_500_000_000L,
            Catalog.products("PASHMINA", "PAPIER-MACHE", "WALNUT-WOOD-CARVING", "SILK-CARPET", "CREWEL", "WILLOW-BAT"));

    final String meetId;
    final String hostDistrict;
    final Instant opens;
    final double hours;
    final int lois;
    /** The exact total of all its LOIs in paise, or 0 when the sources give none. */
    final long totalPaise;
    final List<DemoProduct> products;

    HistoricMeet(String meetId, String hostDistrict, String opens, double hours, int lois, long totalPaise,
                 List<DemoProduct> products) {
        this.meetId = meetId;
        this.hostDistrict = hostDistrict;
        this.opens = OffsetDateTime.parse(opens).toInstant();
        this.hours = hours;
        this.lois = lois;
        this.totalPaise = totalPaise;
        this.products = products;
    }

    int lois() {
        return lois;
    }

    static List<HistoricMeet> inWindow(Instant from, Instant until) {
        return Arrays.stream(values()).filter(m -> !m.opens.isBefore(from) && m.opens.isBefore(until)).toList();
    }
}

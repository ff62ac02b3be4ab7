package org.odop.pulse.demo;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Every id a run makes. The seed's prefix keeps runs apart; real events and the added twists count
 * separately, so changing a share does not renumber the ordinary events.
 */
final class Ids {
    private final String prefix;
    private long events, extras, lois, shipments, orders;
    private final Set<String> meetIds = new HashSet<>();

    Ids(String prefix) {
        this.prefix = prefix;
    }

    String event() {
        return prefix + "-e" + ++events;
    }

    String extraEvent() {
        return prefix + "-x" + ++extras;
    }

    String loi() {
        return "LOI-" + prefix + "-" + ++lois;
    }

    String shipment() {
        return "SHP-" + prefix + "-" + ++shipments;
    }

    String order(String platform) {
        String tag = switch (platform) {
            case "GEM" -> "GEM";
            case "AMAZON" -> "AMZ";
            case "FLIPKART" -> "FK";
            default -> "OTH";
        };
        return tag + "-" + prefix + "-" + ++orders;
    }

    /** BSM-host-date, with a counter when the host already held a meet that day. */
    String meet(String hostDistrict, Instant opens) {
        String base = "BSM-" + hostDistrict + "-" + JsonLine.timestamp(opens).substring(0, 10);
        String id = base;
        for (int n = 2; !meetIds.add(id); n++) id = base + "-" + n;
        return id;
    }

    void reserveMeet(String meetId) {
        meetIds.add(meetId);
    }
}

package org.odop.pulse.serving;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** LOIs due for follow-up: no linked export past the follow-up limit, oldest first (by signedAt, then loiId). */
public record FollowUpView(List<Loi> lois) {
    /** @param daysSinceSigned whole days from signedAt to now */
    public record Loi(String loiId, String meetId, String districtCode, String productCode, String buyer, String seller,
                      BigDecimal valueInr, Instant signedAt, long daysSinceSigned) {}
}

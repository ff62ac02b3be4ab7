package org.odop.pulse.topology.common;

import org.odop.pulse.domain.Money;

import java.util.Optional;
import java.time.Instant;
import org.odop.pulse.domain.Codes;
import org.odop.pulse.domain.EventLimits;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.PrintableText;

/** Checks shared by every event family. */
public final class EventChecks {
    private EventChecks() {}

    public static Optional<Violation> codesAndKey(String key, String district, String product) {
        if (!Codes.isCode(district)) return invalid("districtCode '" + district + "' is not a valid code");
        if (!Codes.isCode(product)) return invalid("productCode '" + product + "' is not a valid code");
        if (!district.equals(key)) {
            return Optional.of(new Violation(DeadLetterReason.KEY_MISMATCH,
                    "record key '" + key + "' is not the districtCode '" + district + "'"));
        }
        return Optional.empty();
    }

    /** Money one event may carry: not negative, not above {@link EventLimits#MAX_EVENT_VALUE_PAISE}. */
    public static Optional<Violation> value(String field, long paise) {
        return EventLimits.valueProblem(paise).flatMap(problem -> invalid(field + " " + problem + ", got " + paise));
    }

    /** An event time inside the window the pipeline accepts, at wall-clock time {@code nowMs}. */
    public static Optional<Violation> time(EventLimits limits, String field, Instant at, long nowMs) {
        if (at == null) return Optional.of(new Violation(DeadLetterReason.MISSING_FIELD, field + " is empty"));
        return limits.timeProblem(at, Instant.ofEpochMilli(nowMs)).flatMap(problem -> invalid(field + " " + at + " " + problem));
    }

    public static Optional<Violation> required(String field, String value) {
        return value == null || value.isBlank()
                ? Optional.of(new Violation(DeadLetterReason.MISSING_FIELD, field + " is empty"))
                : Optional.empty();
    }

    /** An event's own ITC(HS) code, when it has one: 2 to 8 digits. */
    public static Optional<Violation> hsCode(String hs) {
        return hs == null || hs.isEmpty() || Codes.HS_CODE.matcher(hs).matches()
                ? Optional.empty() : invalid("hsCode '" + PrintableText.escape(hs.length() > 20 ? hs.substring(0, 20) + "..." : hs) + "' is not 2 to 8 digits");
    }

    public static Optional<Violation> invalid(String detail) {
        return Optional.of(new Violation(DeadLetterReason.INVALID_FIELD, detail));
    }

    /** The first violation among checks run in order. */
    @SafeVarargs
    public static Optional<Violation> first(java.util.function.Supplier<Optional<Violation>>... checks) {
        for (var c : checks) {
            Optional<Violation> v = c.get();
            if (v.isPresent()) return v;
        }
        return Optional.empty();
    }
}

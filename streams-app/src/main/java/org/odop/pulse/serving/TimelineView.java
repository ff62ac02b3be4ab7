package org.odop.pulse.serving;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.odop.pulse.domain.MeasureValues;

/** GET /api/v1/timeline and /api/v1/districts/{code}/timeline: the measures of each IST month from {@code from} to {@code to}. */
public record TimelineView(String from, String to, List<Month> months) {

    public record Month(String period, @JsonUnwrapped MeasureValues measures) {}
}

package org.odop.pulse.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.store.LocalStores;
import org.odop.pulse.domain.LoiStatus;
import org.odop.pulse.topology.meet.FollowUp;
import org.odop.pulse.topology.meet.MeetTopology;

/**
 * odop_loi_follow_up_due{state,district}: LOIs in this instance's active partitions of the meet store with no linked
 * export past the follow-up limit (wall clock), counted at scrape time. A district with none has no series; summing
 * over instances gives the whole count.
 */
public final class LoiFollowUpGauges implements Runnable {
    private final Consumer<Consumer<LoiRecord>> lois;
    private final Function<String, Optional<District>> district;
    private final FollowUp followUp;
    private final Clock clock;
    private final MultiGauge due;

    public LoiFollowUpGauges(MeterRegistry registry, LocalStores stores, FollowUp followUp, Clock clock) {
        this(registry, each -> stores.<LoiRecord>forEach(MeetTopology.LOIS_STORE, null, (loiId, loi) -> each.accept(loi)),
                stores::district, followUp, clock);
    }

    /**
     * @param lois     hands every LOI of this instance's active partitions to the consumer it is given
     * @param district a district of the reference data, for its state
     */
    LoiFollowUpGauges(MeterRegistry registry, Consumer<Consumer<LoiRecord>> lois,
                      Function<String, Optional<District>> district, FollowUp followUp, Clock clock) {
        this.lois = lois;
        this.district = district;
        this.followUp = followUp;
        this.clock = clock;
        this.due = MultiGauge.builder("odop.loi.follow.up.due")
                .description("LOIs with no linked export past the follow-up limit").register(registry);
    }

    @Override
    public void run() {
        long now = clock.millis();
        Map<List<String>, Integer> counts = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        Map<String, String> stateOf = new HashMap<>();
        lois.accept(loi -> {
            LoiStatus status = LoiStatus.of(loi.getValuePaise(), loi.getLinkedExportShipments(),
                    loi.getLinkedExportValuePaise(), followUp.dueAt(loi.getSignedAt().toEpochMilli()), now);
            if (status != LoiStatus.DUE) return;
            String state = stateOf.computeIfAbsent(loi.getDistrictCode(),
                    d -> district.apply(d).map(District::getStateCode).orElse("unknown"));
            counts.merge(List.of(state, loi.getDistrictCode()), 1, Integer::sum);
        });
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((k, n) -> rows.add(MultiGauge.Row.of(Tags.of("state", k.get(0), "district", k.get(1)), n)));
        due.register(rows, true);
    }
}

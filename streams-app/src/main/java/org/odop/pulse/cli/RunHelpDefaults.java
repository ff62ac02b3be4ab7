package org.odop.pulse.cli;

import java.util.ListResourceBundle;
import java.util.stream.Collectors;
import org.odop.pulse.runtime.PulseConfig;

/**
 * The defaults {@code run --help} shows where picocli's {@code ${DEFAULT-VALUE}} cannot: durations as they are typed
 * (30d, not PT720H) and the stall limit of each stage. Read from PulseConfig's defaults, where they are declared;
 * {@code run}'s option descriptions refer to them as {@code ${bundle:default.NAME}} (a key that is an
 * option's own name would replace its whole description).
 */
public final class RunHelpDefaults extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        PulseConfig d = PulseConfig.defaults();
        return new Object[][] {
                {"default.stall-limit", d.stallLimits().limits().entrySet().stream()
                        .map(e -> e.getKey() + "=" + DurationConverter.format(e.getValue())).collect(Collectors.joining(" "))},
                {"default.stall-check-every", DurationConverter.format(d.stallCheckEvery())},
                {"default.dedup-retention", DurationConverter.format(d.dedupRetention())},
                {"default.loi-follow-up", DurationConverter.format(d.followUp().after())},
                {"default.unknown-code-wait", DurationConverter.format(d.hold().maxWait())},
                {"default.max-event-time-ahead", DurationConverter.format(d.eventLimits().maxAhead())},
        };
    }
}

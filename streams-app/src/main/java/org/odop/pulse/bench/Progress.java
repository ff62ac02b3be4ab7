package org.odop.pulse.bench;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error, or nothing when the run is asked to be quiet. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(boolean enabled, String task, long max, String unit) {
        if (!enabled) return new Progress(null);
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, 1).setUpdateIntervalMillis(500).showSpeed().setMaxRenderedLength(110).build());
    }

    void stepTo(long n) {
        if (bar != null) bar.stepTo(n);
    }

    void extraMessage(String message) {
        if (bar != null) bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}

package org.odop.pulse.bench.jmh;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.odop.pulse.demo.DemoDataGenerator;
import org.odop.pulse.demo.DemoOptions;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.ingest.Fields;
import org.odop.pulse.ingest.InputFormat;
import org.odop.pulse.ingest.InputLine;
import org.odop.pulse.ingest.LineReader;
import org.odop.pulse.ingest.RecordType;

/** Realistic inputs for the microbenchmarks: the seeded demo data set's lines (three fiscal years, every district). */
final class Samples {
    /** Samples per kind; a power of two so an index wraps with a mask. */
    static final int SIZE = 4096;
    static final int MASK = SIZE - 1;

    private Samples() {}

    /** Valid lines of {@code type}, exactly {@link #SIZE} of them (repeated if the data set has fewer). */
    static List<GeneratedLine> lines(RecordType type) {
        DemoOptions options = DemoOptions.of(13, DemoOptions.FY2022_23_START, Duration.ofDays(3 * 365))
                .withShares(0, 0, 0, 0).withEventCount(SIZE * 12L);
        List<GeneratedLine> lines = new ArrayList<>(SIZE);
        for (GeneratedLine line : new DemoDataGenerator(options)) {
            if (line.type() == type && !line.twist().invalid()) lines.add(line);
            if (lines.size() == SIZE) return lines;
        }
        if (lines.isEmpty()) throw new IllegalStateException("no " + type + " lines in the data set");
        for (int i = 0; lines.size() < SIZE; i++) lines.add(lines.get(i));
        return lines;
    }

    static Map<String, String> fields(GeneratedLine line) {
        InputLine input = new LineReader(new BufferedReader(new StringReader(line.json())), InputFormat.NDJSON).start().next();
        if (input.unreadable() != null) throw new IllegalStateException(input.unreadable());
        return input.fields();
    }

    static RecordType.Keyed parsed(GeneratedLine line) {
        return line.type().parse(new Fields(fields(line)));
    }
}

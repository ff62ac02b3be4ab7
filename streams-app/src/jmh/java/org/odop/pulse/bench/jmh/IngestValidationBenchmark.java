package org.odop.pulse.bench.jmh;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.ingest.Fields;
import org.odop.pulse.ingest.InputFormat;
import org.odop.pulse.ingest.InputLine;
import org.odop.pulse.ingest.LineReader;
import org.odop.pulse.ingest.RecordType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest's per-line work: reading an NDJSON line into fields ({@code ingest/LineReader}) and validating
 * the fields into an Avro record ({@code ingest/Fields} through {@code RecordType.parse}), per record type.
 * {@link #readNdjsonBody} reads a 1,000-line body the way the HTTP endpoint does (one reader per body).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IngestValidationBenchmark {
    private static final int BODY_LINES = 1_000;

    private String[] shipmentLines;
    private Map<String, String>[] shipmentFields;
    private Map<String, String>[] orderFields;
    private Map<String, String>[] loiFields;
    private String shipmentBody;
    private int i;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        List<GeneratedLine> shipments = Samples.lines(RecordType.SHIPMENTS);
        shipmentLines = shipments.stream().map(GeneratedLine::json).toArray(String[]::new);
        shipmentFields = shipments.stream().map(Samples::fields).toArray(Map[]::new);
        orderFields = Samples.lines(RecordType.ORDERS).stream().map(Samples::fields).toArray(Map[]::new);
        loiFields = Samples.lines(RecordType.LOIS).stream().map(Samples::fields).toArray(Map[]::new);
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < BODY_LINES; k++) body.append(shipmentLines[k]).append('\n');
        shipmentBody = body.toString();
    }

    @Benchmark
    public InputLine readNdjsonLine() {
        return new LineReader(new BufferedReader(new StringReader(shipmentLines[i++ & Samples.MASK])), InputFormat.NDJSON)
                .start().next();
    }

    /** Per body of 1,000 lines: divide by 1,000 for a line. */
    @Benchmark
    public int readNdjsonBody() {
        LineReader reader = new LineReader(new BufferedReader(new StringReader(shipmentBody)), InputFormat.NDJSON).start();
        int fields = 0;
        while (reader.hasNext()) fields += reader.next().fields().size();
        return fields;
    }

    @Benchmark
    public RecordType.Keyed validateShipment() {
        return RecordType.SHIPMENTS.parse(new Fields(shipmentFields[i++ & Samples.MASK]));
    }

    @Benchmark
    public RecordType.Keyed validateOrder() {
        return RecordType.ORDERS.parse(new Fields(orderFields[i++ & Samples.MASK]));
    }

    @Benchmark
    public RecordType.Keyed validateLoi() {
        return RecordType.LOIS.parse(new Fields(loiFields[i++ & Samples.MASK]));
    }
}

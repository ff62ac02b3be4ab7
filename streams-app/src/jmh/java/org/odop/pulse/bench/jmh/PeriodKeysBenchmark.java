package org.odop.pulse.bench.jmh;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.domain.Periods;
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
import org.openjdk.jmh.infra.Blackhole;

/** Period keys: the periods an event counts in ({@code Periods.of}) and the six store keys it updates ({@code MeasureKeys}). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PeriodKeysBenchmark {
    private Instant[] times;
    private String[] districts;
    private String[] products;
    private int i;

    @Setup
    public void setUp() {
        List<ShipmentEvent> s = Samples.lines(RecordType.SHIPMENTS).stream().map(l -> (ShipmentEvent) Samples.parsed(l).value()).toList();
        times = s.stream().map(ShipmentEvent::getOccurredAt).toArray(Instant[]::new);
        districts = s.stream().map(ShipmentEvent::getDistrictCode).toArray(String[]::new);
        products = s.stream().map(ShipmentEvent::getProductCode).toArray(String[]::new);
    }

    @Benchmark
    public List<String> periodsOf() {
        return Periods.of(times[i++ & Samples.MASK]);
    }

    /** Everything MeasureUpdater does to find its rows: the periods, then a total and a product key per period. */
    @Benchmark
    public void periodsAndKeys(Blackhole bh) {
        int k = i++ & Samples.MASK;
        for (String period : Periods.of(times[k])) {
            bh.consume(MeasureKeys.total(districts[k], period));
            bh.consume(MeasureKeys.of(districts[k], period, products[k]));
        }
    }
}

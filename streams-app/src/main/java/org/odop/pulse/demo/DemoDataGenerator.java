package org.odop.pulse.demo;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A realistic, seeded stream of ODOP trade events as NDJSON lines in the order they would arrive:
 * buyer-seller meets where dozens of LOIs are signed in a few hours (the Srinagar meet of 2022-07-30
 * with its 30 LOIs worth exactly Rs 10.50 crore among them) whose LOIs are shipped in full within weeks, in part,
 * or never (a third each at the historic meets), shipments moving through their stages (some stalling, some
 * cancelled, many fulfilling an LOI: same district and product, with its loiId), e-commerce orders with cancellations and
 * returns, and small shares of duplicates, late events, out-of-order stages, invalid lines and events
 * for a district the reference data does not know.
 *
 * <p>Everything follows from the options: the same options give the same lines. Lines are made as
 * they are iterated, so even millions of them take little memory.
 */
public final class DemoDataGenerator implements Iterable<GeneratedLine> {
    private final DemoOptions options;

    public DemoDataGenerator(DemoOptions options) {
        this.options = options;
    }

    public DemoOptions options() {
        return options;
    }

    /** A fresh pass from the beginning. */
    @Override
    public Iterator<GeneratedLine> iterator() {
        return new DemoRun(options);
    }

    public Stream<GeneratedLine> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}

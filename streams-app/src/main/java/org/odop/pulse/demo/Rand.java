package org.odop.pulse.demo;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/** The few random draws the generator needs, over one seeded {@link SplittableRandom}. */
final class Rand {
    private final SplittableRandom random;

    Rand(SplittableRandom random) {
        this.random = random;
    }

    Rand split() {
        return new Rand(random.split());
    }

    boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform in [lo, hi], both inclusive. */
    long between(long lo, long hi) {
        return lo == hi ? lo : random.nextLong(lo, hi + 1);
    }

    int between(int lo, int hi) {
        return (int) between((long) lo, (long) hi);
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pickWeighted(List<T> items, ToIntFunction<T> weight) {
        int total = 0;
        for (T t : items) total += weight.applyAsInt(t);
        int r = random.nextInt(total);
        for (T t : items) {
            r -= weight.applyAsInt(t);
            if (r < 0) return t;
        }
        throw new IllegalStateException("weights changed while picking");
    }
}

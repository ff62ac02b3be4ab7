package org.odop.pulse.topology.common;

/**
 * Keys of the measure stores: {@code district|period|product}, with product {@code *} for the
 * district's total. The district leads so that a prefix scan finds a district's period in one go,
 * and every key of a district lives on the partition of its events (topics are keyed by district).
 */
public final class MeasureKeys {
    public static final String TOTAL = "*";
    private static final char SEP = '|';

    private MeasureKeys() {}

    public static String of(String district, String period, String product) {
        return district + SEP + period + SEP + product;
    }

    public static String total(String district, String period) {
        return of(district, period, TOTAL);
    }

    /** Prefix of every key of one district and period. */
    public static String prefix(String district, String period) {
        return district + SEP + period + SEP;
    }

    public record Parts(String district, String period, String product) {
        public boolean isTotal() {
            return TOTAL.equals(product);
        }
    }

    public static Parts parse(String key) {
        int a = key.indexOf(SEP);
        int b = key.indexOf(SEP, a + 1);
        return new Parts(key.substring(0, a), key.substring(a + 1, b), key.substring(b + 1));
    }
}

package org.odop.pulse.domain;

/**
 * Keys of the measure stores: {@code period|district|member}. In the stores by product the member is a
 * product, or {@code *} for the district's total; in the store by destination it is
 * {@code country:product} ({@link #destination}); in the stores by HS code it is the code. Codes never hold
 * {@code |} or {@code :}. Period first, so one prefix scan finds a district's rows for a period
 * ({@code period|district|}) and another finds every district's rows for a period ({@code period|}),
 * which state views and rankings need. Every key of a district lives on its partition: the event topics
 * are keyed by district and the stores are updated without repartitioning.
 */
public final class MeasureKeys {
    public static final String TOTAL = "*";
    private static final char SEP = '|';

    private MeasureKeys() {}

    public static String of(String district, String period, String product) {
        return period + SEP + district + SEP + product;
    }

    public static String total(String district, String period) {
        return of(district, period, TOTAL);
    }

    /** Prefix of every key of one district and period. */
    public static String prefix(String district, String period) {
        return period + SEP + district + SEP;
    }

    /** Prefix of every key of one period. */
    public static String periodPrefix(String period) {
        return period + SEP;
    }

    /** The member of a destination row: the country and the product, {@code US:SAFFRON}. */
    public static String destination(String country, String product) {
        return country + ':' + product;
    }

    /** The country of a destination member made by {@link #destination}. */
    public static String country(String destinationMember) {
        return destinationMember.substring(0, destinationMember.indexOf(':'));
    }

    /** The product of a destination member made by {@link #destination}. */
    public static String productOf(String destinationMember) {
        return destinationMember.substring(destinationMember.indexOf(':') + 1);
    }

    public record Parts(String district, String period, String product) {
        public boolean isTotal() {
            return TOTAL.equals(product);
        }
    }

    public static Parts parse(String key) {
        int a = key.indexOf(SEP);
        int b = key.indexOf(SEP, a + 1);
        return new Parts(key.substring(a + 1, b), key.substring(0, a), key.substring(b + 1));
    }
}

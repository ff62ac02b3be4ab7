package org.odop.pulse.domain;

import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The shapes of codes, checked at ingest and again in the topologies (other producers may write anything). */
public final class Codes {
    private Codes() {}

    /** District and product codes: no separators that the state-store keys use. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    public static final Pattern STATE_CODE = Pattern.compile("[A-Z]{2}");
    public static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    public static final Pattern HS_CODE = Pattern.compile("\\d{2,8}");
    /** The shape of ISO 4217 alphabetic currency codes: three capital letters A-Z (see {@link #isCurrency}). */
    public static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** The ISO 4217 codes the JDK knows (its currency data), current and historic. */
    private static final Set<String> ISO_4217 = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    public static boolean isCode(String s) {
        return s != null && CODE.matcher(s).matches();
    }

    /** An ISO 4217 alphabetic code: {@code USD}, {@code AED}; not {@code usd} or {@code XYZ}. */
    public static boolean isCurrency(String s) {
        return s != null && CURRENCY.matcher(s).matches() && ISO_4217.contains(s);
    }
}

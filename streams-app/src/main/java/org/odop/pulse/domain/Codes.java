package org.odop.pulse.domain;

import java.util.regex.Pattern;

/** The shapes of codes, checked at ingest and again in the topologies (other producers may write anything). */
public final class Codes {
    private Codes() {}

    /** District and product codes: no separators that the state-store keys use. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    public static final Pattern STATE_CODE = Pattern.compile("[A-Z]{2}");
    public static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    public static final Pattern HS_CODE = Pattern.compile("\\d{2,8}");
    /** ISO 4217 alphabetic currency codes: three capital letters A-Z. */
    public static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public static boolean isCode(String s) {
        return s != null && CODE.matcher(s).matches();
    }
}

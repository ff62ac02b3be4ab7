package org.odop.pulse.demo;

import java.util.Locale;

/** Names of the sellers who sign LOIs: artisans by name, farmers through their FPOs and co-operatives. */
final class Sellers {
    private Sellers() {}

    static String of(DemoProduct p, Rand rand) {
        boolean person = rand.chance(p.craft() ? 0.6 : 0.25);
        var names = Catalog.ARTISANS.get(p.stateCode());
        if (person && names != null) return rand.pick(names);
        String kind = rand.pick(p.craft() ? Catalog.CRAFT_SELLER_KINDS : Catalog.FARM_SELLER_KINDS);
        return districtName(p.districtCode()) + " " + titleCase(p.code()) + " " + kind;
    }

    /** JK-WEST-JAINTIA-HILLS to West Jaintia Hills. */
    static String districtName(String districtCode) {
        return titleCase(districtCode.substring(3));
    }

    private static String titleCase(String code) {
        StringBuilder sb = new StringBuilder();
        for (String word : code.toLowerCase(Locale.ROOT).split("-")) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        return sb.toString();
    }
}

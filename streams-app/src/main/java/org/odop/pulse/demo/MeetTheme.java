package org.odop.pulse.demo;

import java.util.List;

/** The kinds of buyer-seller meets the demo holds, where, and for which products. */
enum MeetTheme {
    KASHMIR_CRAFTS("JK-SRINAGAR", 35, Catalog.products("PASHMINA", "PAPIER-MACHE", "WALNUT-WOOD-CARVING",
            "SILK-CARPET", "CREWEL", "WILLOW-BAT", "SAFFRON")),
    JAMMU_AGRO("JK-JAMMU", 25, Catalog.products("RAJMASH", "WALNUT", "SAFFRON", "HONEY", "BASMATI", "APPLE",
            "BASOHLI-PAINTING")),
    UP_CRAFTS("UP-VARANASI", 25, Catalog.products("BANARASI-SILK", "BRASSWARE", "GLASSWARE", "CHIKANKARI",
            "HAND-TUFTED-CARPET", "MOLELA-TERRACOTTA")),
    NORTH_EAST("AS-KAMRUP", 15, Catalog.products("LAKADONG-TURMERIC", "MUGA-SILK", "QUEEN-PINEAPPLE",
            "BAMBOO-CRAFT", "KIWI"));

    final String hostDistrict;
    final int weight;
    final List<DemoProduct> products;

    MeetTheme(String hostDistrict, int weight, List<DemoProduct> products) {
        this.hostDistrict = hostDistrict;
        this.weight = weight;
        this.products = products;
    }
}

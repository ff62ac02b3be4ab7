package org.odop.pulse.demo;

import static java.util.Map.entry;
import static org.odop.pulse.avro.ProductCategory.AGRICULTURE;
import static org.odop.pulse.avro.ProductCategory.HANDICRAFT;
import static org.odop.pulse.avro.ProductCategory.HANDLOOM;
import static org.odop.pulse.avro.ProductCategory.HORTICULTURE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.odop.pulse.avro.ProductCategory;

/**
 * The demo's world: the products of the bundled reference data (codes and districts must match
 * reference/products.ndjson, which a test checks) with plausible prices and lot sizes, and the
 * buyers, sellers, destinations and ports that trade them.
 */
final class Catalog {
    private Catalog() {}

    /** A district code that the bundled reference data does not know. */
    static final String UNKNOWN_DISTRICT = "JK-NOWHERE";

    static final List<DemoProduct> PRODUCTS = List.of(
            p("SAFFRON", "091020", "JK-PULWAMA", AGRICULTURE, "kg", 180_000, 300_000, 2, 40, 350, 1_500, 8, 10),
            p("WALNUT", "08023200", "JK-ANANTNAG", HORTICULTURE, "kg", 600, 1_000, 1_000, 20_000, 800, 1_600, 8, 8),
            p("APPLE", "08081000", "JK-SHOPIAN", HORTICULTURE, "kg", 60, 140, 5_000, 40_000, 250, 600, 8, 4),
            p("RAJMASH", "071333", "JK-DODA", AGRICULTURE, "kg", 150, 250, 500, 10_000, 180, 400, 4, 5),
            p("BASMATI", "10063020", "JK-JAMMU", AGRICULTURE, "kg", 90, 160, 5_000, 50_000, 150, 900, 8, 6),
            p("HONEY", "04090000", "JK-RAMBAN", AGRICULTURE, "kg", 400, 900, 200, 5_000, 300, 900, 4, 6),
            p("PASHMINA", "62142010", "JK-SRINAGAR", HANDLOOM, "pcs", 8_000, 60_000, 20, 600, 6_000, 75_000, 10, 10),
            p("PAPIER-MACHE", "482370", "JK-BUDGAM", HANDICRAFT, "pcs", 300, 4_000, 100, 3_000, 400, 6_000, 6, 8),
            p("WALNUT-WOOD-CARVING", "442090", "JK-BARAMULLA", HANDICRAFT, "pcs", 2_000, 40_000, 10, 400, 1_500, 45_000, 5, 5),
            p("SILK-CARPET", "570190", "JK-GANDERBAL", HANDICRAFT, "m2", 40_000, 150_000, 5, 150, 60_000, 500_000, 6, 2),
            p("CREWEL", "581091", "JK-BANDIPORA", HANDICRAFT, "m", 800, 3_000, 200, 5_000, 1_500, 12_000, 4, 4),
            p("WILLOW-BAT", "950699", "JK-KULGAM", HANDICRAFT, "pcs", 1_500, 12_000, 100, 3_000, 1_200, 15_000, 5, 6),
            p("BASOHLI-PAINTING", "970191", "JK-KATHUA", HANDICRAFT, "pcs", 5_000, 80_000, 5, 100, 3_000, 60_000, 2, 2),
            p("LAKADONG-TURMERIC", "091030", "ML-WEST-JAINTIA-HILLS", AGRICULTURE, "kg", 200, 450, 500, 10_000, 200, 600, 4, 5),
            p("MUGA-SILK", "500720", "AS-KAMRUP", HANDLOOM, "m", 3_000, 9_000, 50, 1_000, 8_000, 60_000, 3, 4),
            p("MOLELA-TERRACOTTA", "691390", "RJ-RAJSAMAND", HANDICRAFT, "pcs", 500, 6_000, 50, 1_000, 600, 8_000, 2, 3),
            p("BANARASI-SILK", "500720", "UP-VARANASI", HANDLOOM, "pcs", 6_000, 80_000, 20, 800, 5_000, 90_000, 8, 9),
            p("BRASSWARE", "830629", "UP-MORADABAD", HANDICRAFT, "pcs", 300, 8_000, 200, 8_000, 500, 12_000, 8, 6),
            p("GLASSWARE", "701399", "UP-FIROZABAD", HANDICRAFT, "pcs", 50, 1_500, 1_000, 50_000, 150, 2_500, 5, 5),
            p("CHIKANKARI", "581091", "UP-LUCKNOW", HANDLOOM, "pcs", 1_000, 15_000, 50, 2_000, 900, 18_000, 5, 8),
            p("HAND-TUFTED-CARPET", "570110", "UP-BHADOHI", HANDICRAFT, "m2", 8_000, 40_000, 20, 800, 15_000, 250_000, 8, 3),
            p("QUEEN-PINEAPPLE", "08043000", "TR-WEST-TRIPURA", HORTICULTURE, "kg", 40, 90, 2_000, 30_000, 200, 500, 3, 2),
            p("BAMBOO-CRAFT", "460211", "TR-GOMATI", HANDICRAFT, "pcs", 200, 3_000, 100, 5_000, 300, 4_000, 3, 4),
            p("KIWI", "08105000", "AR-WEST-KAMENG", HORTICULTURE, "kg", 120, 300, 1_000, 10_000, 300, 700, 2, 2));

    static final Map<String, DemoProduct> BY_CODE =
            PRODUCTS.stream().collect(Collectors.toUnmodifiableMap(DemoProduct::code, Function.identity()));

    static DemoProduct product(String code) {
        DemoProduct p = BY_CODE.get(code);
        if (p == null) throw new IllegalArgumentException("no demo product " + code);
        return p;
    }

    static List<DemoProduct> products(String... codes) {
        return java.util.Arrays.stream(codes).map(Catalog::product).toList();
    }

    /** Brands and importers that sign LOIs at meets. */
    static final List<String> BUYERS = List.of("Reliance Retail", "FabIndia", "Pashmina.com", "Oma Living",
            "Lulu Group International", "Jaypore", "Good Earth", "Tata Consumer Products", "Nature's Basket",
            "Spencer's Retail", "Al Maya Group", "Kashmir Box", "Craftsvilla", "Amazon Karigar", "Okhai");

    /** Sellers' names by state: artisans (people), and for farm produce, FPOs and co-operatives. */
    static final Map<String, List<String>> ARTISANS = Map.of(
            "JK", List.of("Ghulam Nabi Dar", "Mohammad Ashraf Bhat", "Abdul Rashid Mir", "Shakeela Bano",
                    "Rubeena Akhter", "Bilal Ahmad Wani", "Tariq Hussain Shah", "Parveena Akhter",
                    "Mushtaq Ahmad Lone", "Nighat Jan", "Sajad Ahmad Ganaie", "Romesh Kumar Sharma",
                    "Sunita Devi", "Fayaz Ahmad Sofi", "Mehraj-ud-Din Khan"),
            "UP", List.of("Mohd. Irfan Ansari", "Ramesh Prajapati", "Anita Verma", "Shabana Parveen",
                    "Iqbal Ahmad", "Suresh Maurya"),
            "ML", List.of("Lakhon Dkhar", "Trinity Saioo"),
            "AS", List.of("Dipankar Baruah", "Jonali Saikia"),
            "TR", List.of("Ranjit Debbarma", "Mamata Jamatia"),
            "AR", List.of("Tashi Tsering", "Pema Wangmu"),
            "RJ", List.of("Mohan Lal Kumhar", "Dinesh Kumhar"));

    static final List<String> FARM_SELLER_KINDS =
            List.of("FPO", "Growers' Co-operative", "Farmer Producer Company", "Self-Help Group");
    static final List<String> CRAFT_SELLER_KINDS = List.of("Artisans' Society", "Handicrafts", "Crafts Co-operative");

    /** A choice and how often it is made, relative to the others of its list. */
    record Weighted(String value, int weight) {}

    /**
     * Where each product is shipped (ISO 3166-1 alpha-2), its main markets weighted up: saffron to the Gulf,
     * the US and Europe, basmati to the Gulf, Iran and Iraq, apples and pineapples to the neighbours, cricket
     * bats to the cricketing countries, crafts to the US, Europe and Japan.
     */
    static final Map<String, List<Weighted>> DESTINATIONS = Map.ofEntries(
            entry("SAFFRON", w("AE", 5, "SA", 3, "US", 3, "ES", 2, "FR", 2, "QA", 2, "GB", 1)),
            entry("WALNUT", w("AE", 5, "SA", 2, "EG", 2, "NL", 2, "GB", 1, "DE", 1, "ES", 1, "FR", 1)),
            entry("APPLE", w("BD", 6, "NP", 4, "AE", 2, "SA", 1, "QA", 1, "OM", 1)),
            entry("RAJMASH", w("AE", 3, "SA", 2, "US", 2, "GB", 2, "KW", 1, "QA", 1, "CA", 1)),
            entry("BASMATI", w("SA", 6, "IR", 4, "IQ", 4, "AE", 3, "US", 2, "GB", 2, "YE", 2, "KW", 1, "OM", 1, "QA", 1)),
            entry("HONEY", w("US", 8, "SA", 2, "AE", 2, "CA", 1, "QA", 1)),
            entry("PASHMINA", w("US", 4, "GB", 3, "DE", 2, "FR", 2, "AE", 2, "IT", 2, "JP", 1, "NL", 1)),
            entry("PAPIER-MACHE", w("US", 4, "GB", 2, "DE", 2, "FR", 2, "JP", 1, "AE", 1, "NL", 1)),
            entry("WALNUT-WOOD-CARVING", w("US", 4, "GB", 2, "DE", 2, "FR", 1, "JP", 1, "AE", 1)),
            entry("SILK-CARPET", w("US", 5, "GB", 2, "DE", 2, "AE", 2, "FR", 1, "IT", 1, "JP", 1, "NL", 1)),
            entry("CREWEL", w("US", 4, "GB", 3, "DE", 1, "FR", 1, "JP", 1, "NL", 1, "AU", 1)),
            entry("WILLOW-BAT", w("GB", 4, "AU", 3, "AE", 2, "NZ", 1, "ZA", 1)),
            entry("BASOHLI-PAINTING", w("US", 3, "GB", 2, "DE", 1, "FR", 1, "JP", 1)),
            entry("LAKADONG-TURMERIC", w("BD", 4, "AE", 3, "US", 3, "MY", 2, "IR", 2, "MA", 1)),
            entry("MUGA-SILK", w("US", 3, "GB", 2, "JP", 2, "DE", 1, "FR", 1)),
            entry("MOLELA-TERRACOTTA", w("US", 3, "GB", 2, "FR", 2, "DE", 1, "JP", 1)),
            entry("BANARASI-SILK", w("US", 4, "AE", 3, "GB", 3, "CA", 2, "NP", 1, "LK", 1, "SG", 1)),
            entry("BRASSWARE", w("US", 6, "GB", 2, "DE", 2, "AE", 2, "NL", 1, "FR", 1, "IT", 1, "AU", 1, "CA", 1)),
            entry("GLASSWARE", w("US", 4, "AE", 2, "GB", 2, "DE", 1, "NL", 1, "SA", 1, "NP", 1)),
            entry("CHIKANKARI", w("US", 4, "GB", 3, "AE", 3, "CA", 2, "AU", 1, "SA", 1)),
            entry("HAND-TUFTED-CARPET", w("US", 8, "DE", 2, "GB", 2, "AU", 1, "NL", 1, "FR", 1, "IT", 1, "JP", 1, "AE", 1,
                    "CA", 1)),
            entry("QUEEN-PINEAPPLE", w("BD", 4, "AE", 3, "OM", 1, "QA", 1, "NP", 1)),
            entry("BAMBOO-CRAFT", w("US", 3, "GB", 2, "DE", 2, "FR", 1, "JP", 1, "NL", 1)),
            entry("KIWI", w("AE", 3, "NP", 2, "BD", 2, "OM", 1)));

    /**
     * The ITC(HS) tariff lines an LOI or a shipping bill may name instead of leaving the product's code to apply,
     * each with its chance in percent (the rest name none). Every line shares the product's heading, its first
     * four digits: walnuts in shell beside the shelled product, stoles and mufflers beside shawls, turmeric
     * powder or dried rhizomes, and the 8-digit line of products whose code has 6.
     */
    static final Map<String, List<Weighted>> OWN_HS_CODES = Map.of(
            "WALNUT", w("08023100", 35),
            "PASHMINA", w("62142090", 30),
            "LAKADONG-TURMERIC", w("09103030", 30, "09103020", 10),
            "WALNUT-WOOD-CARVING", w("44209090", 40),
            "BAMBOO-CRAFT", w("46021100", 40),
            "GLASSWARE", w("70139900", 40));

    /** The hsCode an event of the product carries itself, or null (mostly) when the product's code applies. */
    static String ownHsCode(DemoProduct p, Rand rand) {
        List<Weighted> lines = OWN_HS_CODES.get(p.code());
        if (lines == null) return null;
        int r = rand.between(0, 99);
        for (Weighted line : lines) {
            r -= line.weight();
            if (r < 0) return line.value();
        }
        return null;
    }

    /** The countries a product is shipped to, with their weights. */
    static List<Weighted> destinations(DemoProduct p) {
        List<Weighted> d = DESTINATIONS.get(p.code());
        if (d == null) throw new IllegalArgumentException("no destinations for " + p.code());
        return d;
    }

    static final String ICD_KATRA = "ICD Katra";
    static final String AIR_CARGO = "Delhi Air Cargo";

    /** Where a product's shipments are cleared: J&K goods often at the Katra dry port, fine goods by air. */
    static List<String> ports(DemoProduct p) {
        return switch (p.stateCode()) {
            case "JK" -> p.code().equals("SAFFRON") || p.code().equals("PASHMINA")
                    ? List.of(AIR_CARGO, ICD_KATRA, "Mundra")
                    : List.of(ICD_KATRA, ICD_KATRA, "Mundra", "Nhava Sheva");
            case "ML", "AS", "TR", "AR" -> List.of("Kolkata", "Kolkata", "Nhava Sheva");
            default -> List.of("Nhava Sheva", "Mundra", AIR_CARGO);
        };
    }

    /** Days at sea (or in the air, or on the road) from leaving India to delivery, (min, max). */
    static double[] transitDays(String country, String port) {
        if (port.equals(AIR_CARGO)) return new double[] {2, 5};
        return switch (country) {
            case "BD", "NP", "LK" -> new double[] {3, 8};
            case "AE", "OM", "IR" -> new double[] {5, 10};
            case "SA", "QA", "KW", "BH", "IQ" -> new double[] {6, 14};
            case "YE" -> new double[] {8, 16};
            case "MY", "SG" -> new double[] {8, 15};
            case "EG" -> new double[] {14, 22};
            case "JP" -> new double[] {14, 25};
            case "ZA" -> new double[] {16, 28};
            case "AU", "NZ" -> new double[] {18, 32};
            case "MA" -> new double[] {20, 32};
            case "GB", "DE", "FR", "IT", "NL", "ES" -> new double[] {22, 35};
            case "US", "CA" -> new double[] {28, 45};
            default -> throw new IllegalArgumentException("no transit time to " + country);
        };
    }

    /** Pairs of (value, weight), e.g. w("AE", 5, "SA", 3). */
    private static List<Weighted> w(Object... pairs) {
        List<Weighted> list = new ArrayList<>(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) list.add(new Weighted((String) pairs[i], (Integer) pairs[i + 1]));
        return List.copyOf(list);
    }

    private static DemoProduct p(String code, String hsCode, String district, ProductCategory category, String unit,
                                 long priceMin, long priceMax, long lotMin, long lotMax,
                                 long retailMin, long retailMax, int exportWeight, int retailWeight) {
        return new DemoProduct(code, hsCode, district, category, unit, new long[] {priceMin, priceMax},
                new long[] {lotMin, lotMax}, new long[] {retailMin, retailMax}, exportWeight, retailWeight);
    }
}

package org.odop.pulse.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The titles of the 97 two-digit chapters of the Harmonized System (HS 2022, as ITC(HS) uses them), e.g.
 * {@code 09} "Coffee, tea, maté and spices". Chapter 77 is reserved by the HS for possible future use and is
 * listed as such; the national chapters 98 and 99 of the Indian tariff are not HS chapters and are not listed.
 * Read once from {@value #RESOURCE} (UTF-8, one {@code chapter<TAB>title} a line, in chapter order).
 */
public final class HsChapters {
    static final String RESOURCE = "/reference/hs-chapters.tsv";
    private static final Pattern LINE = Pattern.compile("(\\d{2})\t(\\S.*\\S|\\S)");
    private static final Map<String, String> CHAPTERS = load();

    private HsChapters() {}

    /**
     * The title of the chapter of an HS code or of any prefix of one of at least two digits ({@code 57},
     * {@code 5701}, {@code 57011000}): its first two digits. Empty when the text does not start with two digits or
     * names no chapter ({@code 00}, {@code 98}).
     */
    public static Optional<String> name(String hsCodeOrPrefix) {
        if (hsCodeOrPrefix == null || hsCodeOrPrefix.length() < 2) return Optional.empty();
        char a = hsCodeOrPrefix.charAt(0);
        char b = hsCodeOrPrefix.charAt(1);
        if (a < '0' || a > '9' || b < '0' || b > '9') return Optional.empty();
        return Optional.ofNullable(CHAPTERS.get(hsCodeOrPrefix.substring(0, 2)));
    }

    /** Every chapter, {@code "01"} to {@code "97"}, in chapter order; unmodifiable. */
    public static Map<String, String> all() {
        return CHAPTERS;
    }

    private static Map<String, String> load() {
        TreeMap<String, String> chapters = new TreeMap<>();
        try (InputStream in = HsChapters.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing bundled " + RESOURCE);
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty()) continue;
                var m = LINE.matcher(line);
                if (!m.matches()) throw new IllegalStateException(RESOURCE + ":" + number + " is not chapter<TAB>title");
                if (!chapters.isEmpty() && m.group(1).compareTo(chapters.lastKey()) <= 0) {
                    throw new IllegalStateException(RESOURCE + ":" + number + " is out of order or repeated");
                }
                chapters.put(m.group(1), m.group(2));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
        }
        return Collections.unmodifiableSortedMap(chapters);
    }
}

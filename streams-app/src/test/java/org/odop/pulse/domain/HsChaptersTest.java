package org.odop.pulse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HsChaptersTest {

    @Test
    @DisplayName("97 chapters, 01 to 97 in order, 77 reserved, every title non-blank")
    void allChapters() {
        assertThat(HsChapters.all()).hasSize(97);
        List<String> expected = new ArrayList<>();
        for (int c = 1; c <= 97; c++) expected.add(String.format("%02d", c));
        assertThat(HsChapters.all().keySet()).containsExactlyElementsOf(expected);
        assertThat(HsChapters.all().values()).allSatisfy(title -> assertThat(title).isNotBlank().isEqualTo(title.strip()));
        assertThat(HsChapters.all().get("77")).isEqualTo("Reserved for possible future use");
        assertThatThrownBy(() -> HsChapters.all().put("98", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("known chapters by their code or any longer HS code, the file read as UTF-8")
    void knownNames() {
        assertThat(HsChapters.name("08")).hasValue("Edible fruit and nuts; peel of citrus fruit or melons");
        assertThat(HsChapters.name("080232")).hasValue("Edible fruit and nuts; peel of citrus fruit or melons");
        assertThat(HsChapters.name("09")).hasValue("Coffee, tea, maté and spices");
        assertThat(HsChapters.name("091020")).hasValue("Coffee, tea, maté and spices");
        assertThat(HsChapters.name("57")).hasValue("Carpets and other textile floor coverings");
        assertThat(HsChapters.name("57011000")).hasValue("Carpets and other textile floor coverings");
        assertThat(HsChapters.name("6214")).hasValue("Articles of apparel and clothing accessories, not knitted or crocheted");
        assertThat(HsChapters.name("7113")).hasValue("Natural or cultured pearls, precious or semi-precious stones, "
                + "precious metals, metals clad with precious metal, and articles thereof; imitation jewellery; coin");
        assertThat(HsChapters.name("97")).hasValue("Works of art, collectors' pieces and antiques");
        assertThat(HsChapters.name("01")).hasValue("Live animals");
    }

    @Test
    @DisplayName("no name for 00, 98, 99 or text that does not start with two digits")
    void unknown() {
        assertThat(HsChapters.name("00")).isEmpty();
        assertThat(HsChapters.name("98")).isEmpty();
        assertThat(HsChapters.name("9801")).isEmpty();
        assertThat(HsChapters.name("99")).isEmpty();
        assertThat(HsChapters.name("9")).isEmpty();
        assertThat(HsChapters.name("")).isEmpty();
        assertThat(HsChapters.name(null)).isEmpty();
        assertThat(HsChapters.name("X9")).isEmpty();
        assertThat(HsChapters.name("٠٩")).isEmpty(); // Arabic-Indic digits are not chapter codes
    }
}

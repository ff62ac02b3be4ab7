package org.odop.pulse.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTextTest {
    @Test
    void controlCharactersAreEscapedVisibly() {
        assertThat(PrintableText.escape("a\u001b[2J\u001b]0;pwned\u0007b")).isEqualTo("a\\u001b[2J\\u001b]0;pwned\\u0007b");
        assertThat(PrintableText.escape("line1\nline2\r\tend")).isEqualTo("line1\\nline2\\r\\tend");
        assertThat(PrintableText.escape("nul\u0000 del\u007f c1\u009b")).isEqualTo("nul\\u0000 del\\u007f c1\\u009b");
        assertThat(PrintableText.escape("bidi\u202eevil\u2066x\u2069")).isEqualTo("bidi\\u202eevil\\u2066x\\u2069");
    }

    @Test
    void backslashIsEscapedSoEscapesAreUnambiguous() {
        assertThat(PrintableText.escape("\\u001b")).isEqualTo("\\\\u001b");
    }

    @Test
    void ordinaryTextIsUnchanged() {
        String text = "district 'JK-NEWDISTRICT' is not in the reference data (odop.ref.districts.v1) — कश्मीर";
        assertThat(PrintableText.escape(text)).isSameAs(text);
        assertThat(PrintableText.escape(null)).isEqualTo("null");
    }
}

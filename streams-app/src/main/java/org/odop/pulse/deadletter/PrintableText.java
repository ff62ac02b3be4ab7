package org.odop.pulse.deadletter;

/**
 * Text from records (details, codes, line numbers: much of it user-supplied) made safe to print on a
 * terminal: control characters, including ESC (ANSI escape sequences), DEL, the C1 range and the Unicode
 * bidirectional controls, are written as visible escapes ({@code \n}, {@code \t}, {@code \r},
 * {@code \u001b}, ...), and a backslash as {@code \\} so that an escape in the output is never ambiguous.
 */
public final class PrintableText {
    private PrintableText() {}

    public static String escape(String text) {
        if (text == null) return "null";
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            out.append(replacement);
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(char c) {
        return switch (c) {
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> isUnsafe(c) ? String.format("\\u%04x", (int) c) : null;
        };
    }

    private static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)            // C0, DEL, C1
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) // bidi embeddings, overrides, isolates
                || c == 0x200e || c == 0x200f || c == 0x061c                    // LRM, RLM, ALM
                || c == 0x2028 || c == 0x2029;                                  // line and paragraph separators
    }
}

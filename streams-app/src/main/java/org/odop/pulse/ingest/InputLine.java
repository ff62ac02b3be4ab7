package org.odop.pulse.ingest;

import java.util.Map;

/**
 * One line of a user's body or file: its number (from 1; in CSV the header is line 1), its raw text,
 * and either its fields or why they could not be read.
 *
 * @param text               the whole line, or, for a line over the length limit, only its first few kilobytes
 * @param truncatedFromBytes 0, or the length in UTF-8 bytes of a line of which {@code text} is only a prefix
 */
public record InputLine(int number, String text, Map<String, String> fields, InvalidRecordException unreadable,
                        long truncatedFromBytes) {

    public InputLine(int number, String text, Map<String, String> fields, InvalidRecordException unreadable) {
        this(number, text, fields, unreadable, 0);
    }

    public static InputLine read(int number, String text, Map<String, String> fields) {
        return new InputLine(number, text, fields, null);
    }

    public static InputLine unreadable(int number, String text, InvalidRecordException why) {
        return new InputLine(number, text, null, why);
    }

    /** A line over the length limit, of which only {@code prefix} was kept. */
    public static InputLine tooLong(int number, String prefix, long originalBytes, InvalidRecordException why) {
        return new InputLine(number, prefix, null, why, originalBytes);
    }

    public boolean truncated() {
        return truncatedFromBytes > 0;
    }
}

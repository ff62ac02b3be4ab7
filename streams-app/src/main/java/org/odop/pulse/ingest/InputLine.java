package org.odop.pulse.ingest;

import java.util.Map;

/**
 * One line of a user's body or file: its number (from 1; in CSV the header is line 1), its raw text,
 * and either its fields or why they could not be read.
 */
public record InputLine(int number, String text, Map<String, String> fields, InvalidRecordException unreadable) {
    public static InputLine read(int number, String text, Map<String, String> fields) {
        return new InputLine(number, text, fields, null);
    }

    public static InputLine unreadable(int number, String text, InvalidRecordException why) {
        return new InputLine(number, text, null, why);
    }
}

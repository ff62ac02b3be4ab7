package org.odop.pulse.demo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.odop.pulse.ingest.Fields;
import org.odop.pulse.ingest.InputFormat;
import org.odop.pulse.ingest.InputLine;
import org.odop.pulse.ingest.InvalidRecordException;
import org.odop.pulse.ingest.LineReader;
import org.odop.pulse.ingest.RecordType;

/** A generated line read back the way ingest reads it: LineReader, Fields, RecordType.parse. */
record ParsedLine(GeneratedLine line, SpecificRecord value, InvalidRecordException error) {

    static ParsedLine of(GeneratedLine line) {
        InputLine input = new LineReader(new BufferedReader(new StringReader(line.json())), InputFormat.NDJSON).start().next();
        try {
            if (input.unreadable() != null) throw input.unreadable();
            return new ParsedLine(line, line.type().parse(new Fields(input.fields())).value(), null);
        } catch (InvalidRecordException e) {
            return new ParsedLine(line, null, e);
        }
    }

    /** The bundled reference records of a type, parsed. */
    static List<SpecificRecord> reference(RecordType type, String resource) throws Exception {
        List<SpecificRecord> out = new ArrayList<>();
        try (var in = ParsedLine.class.getResourceAsStream(resource)) {
            var reader = new LineReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), InputFormat.NDJSON).start();
            reader.forEachRemaining(l -> out.add(type.parse(new Fields(l.fields())).value()));
        }
        return out;
    }
}

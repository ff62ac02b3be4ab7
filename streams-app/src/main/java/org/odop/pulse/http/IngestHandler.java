package org.odop.pulse.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.odop.pulse.ingest.Fields;
import org.odop.pulse.ingest.IngestResult;
import org.odop.pulse.ingest.IngestService;
import org.odop.pulse.ingest.InputFormat;
import org.odop.pulse.ingest.LineReader;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.ingest.UnreadableBodyException;
import org.odop.pulse.ingest.UnsupportedMediaTypeException;

/**
 * POST /api/v1/ingest/{type}: NDJSON or CSV in, every line accepted or rejected with a reason.
 * The body is read whole (up to the limit) before anything is produced, so a 413 produces nothing.
 */
final class IngestHandler {
    private final IngestService ingest;
    private final long maxBodyBytes;

    IngestHandler(IngestService ingest, long maxBodyBytes) {
        this.ingest = ingest;
        this.maxBodyBytes = maxBodyBytes;
    }

    void handle(Context ctx) throws IOException {
        String typeName = ctx.pathParam("type");
        RecordType type = RecordType.fromPathName(typeName).orElse(null);
        if (type == null) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error",
                    "unknown record type '" + typeName + "': use " + RecordType.pathNames()));
            return;
        }
        InputFormat format = InputFormat.fromContentType(ctx.contentType()).orElse(null);
        if (format == null) {
            throw new UnsupportedMediaTypeException("Content-Type must be " + InputFormat.ACCEPTED + "; got "
                    + (ctx.contentType() == null ? "none" : Fields.quote(ctx.contentType())));
        }
        if (ctx.contentLength() > maxBodyBytes) {
            tooLarge(ctx);
            return;
        }
        byte[] body = readLimited(ctx.req().getInputStream());
        if (body == null) {
            tooLarge(ctx);
            return;
        }
        requireUtf8(body);
        var reader = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
        IngestResult result = ingest.ingest(type, new LineReader(reader, format).start());
        ctx.status(result.rejectedCount() == 0 ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).json(result);
    }

    /**
     * Checks the body is UTF-8 in slices through a small buffer, so a body is never held twice (as bytes and
     * again as characters) just to be checked.
     */
    static void requireUtf8(byte[] body) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                throw new UnreadableBodyException("the body is not UTF-8 text (at byte " + in.position() + ")");
            }
            out.clear();
            if (r.isUnderflow()) break;
        }
        while (decoder.flush(out).isOverflow()) out.clear();
    }

    private void tooLarge(Context ctx) {
        ctx.status(HttpStatus.CONTENT_TOO_LARGE).json(Map.of("error",
                "body larger than " + maxBodyBytes + " bytes: split it, or use ./odop-pulse import for large files"));
    }

    /** The whole body, or null when it is over the limit. */
    private byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        return bytes.length > maxBodyBytes ? null : bytes;
    }
}

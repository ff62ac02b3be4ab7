package org.odop.pulse.runtime;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Arrays;
import org.odop.pulse.deadletter.PrintableText;

/**
 * Logback's {@code %pex}: the stack trace as {@code %ex} writes it, with the message of each throwable (its causes
 * and suppressed ones too) escaped ({@link PrintableText}). A message can carry user text (a code, a path, a value
 * a library quotes back); escaped, it can neither forge a log line nor send terminal escapes. The frames are ours
 * and keep their lines.
 */
public final class PrintableThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return super.throwableProxyToString(printable(tp));
    }

    static IThrowableProxy printable(IThrowableProxy tp) {
        return tp == null ? null : new Printable(tp);
    }

    /** {@code inner} with its messages escaped; the rest as it is. */
    private record Printable(IThrowableProxy inner) implements IThrowableProxy {
        @Override
        public String getOverridingMessage() {
            String m = inner.getOverridingMessage();
            return m == null ? null : PrintableText.escape(m);
        }

        @Override
        public String getMessage() {
            String m = inner.getMessage();
            return m == null ? null : PrintableText.escape(m);
        }

        @Override
        public String getClassName() {
            return inner.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return inner.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return inner.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return printable(inner.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] s = inner.getSuppressed();
            return s == null ? null : Arrays.stream(s).map(PrintableThrowableConverter::printable).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return inner.isCyclic();
        }
    }
}

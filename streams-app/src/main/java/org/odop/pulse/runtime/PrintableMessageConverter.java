package org.odop.pulse.runtime;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.odop.pulse.deadletter.PrintableText;

/**
 * Logback's {@code %pmsg}: the message with control characters escaped ({@link PrintableText}), so text that came
 * from users (codes, ids, details of a refused record) can neither forge a log line with a newline nor send terminal
 * escape sequences. Used by logback.xml instead of {@code %msg}; {@link PrintableThrowableConverter}
 * ({@code %pex}) does the same for the messages in stack traces.
 */
public final class PrintableMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return PrintableText.escape(event.getFormattedMessage());
    }
}

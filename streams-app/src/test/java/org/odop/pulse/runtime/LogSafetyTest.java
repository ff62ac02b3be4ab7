package org.odop.pulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The application's own logback.xml (not the tests'), configured in a context of its own. */
class LogSafetyTest {

    @Test
    @DisplayName("user text in a log message or an exception's message cannot forge a line or send terminal escapes; stack frames keep their lines")
    void controlCharactersEscaped() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(getClass().getResource("/logback.xml"));
            String code = "JK-X\n12:00:00.000 ERROR o.o.p.Fake - forged\u001b[2J";
            var failure = new IllegalStateException("bad value '" + code + "'",
                    new IllegalArgumentException("cause\n12:00:01.000 ERROR o.o.p.Fake - forged cause\u001b[31m"));
            failure.addSuppressed(new RuntimeException("suppressed\r\nforged suppressed"));
            context.getLogger("org.odop.pulse.Test").warn("Held event: district '{}' is unknown", code, failure);
        } finally {
            context.stop();
            System.setErr(original);
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(context.getStatusManager().getCopyOfStatusList()).as("logback.xml configures without errors")
                .noneMatch(s -> s.getLevel() == ch.qos.logback.core.status.Status.ERROR);
        String first = out.lines().findFirst().orElseThrow();
        assertThat(first).contains("Held event: district 'JK-X\\n12:00:00.000 ERROR o.o.p.Fake - forged\\u001b[2J' is unknown");
        assertThat(out).doesNotContain("\u001b").doesNotContain("\nforged").doesNotContain("\n12:00:00.000 ERROR")
                .doesNotContain("\n12:00:01.000 ERROR").doesNotContain("\r");
        // The messages of the exception, its cause and the suppressed one are escaped too (they can quote user text)...
        List<String> lines = out.lines().toList();
        assertThat(lines).contains("java.lang.IllegalStateException: bad value 'JK-X\\n12:00:00.000 ERROR o.o.p.Fake - forged\\u001b[2J'");
        assertThat(lines).anyMatch(l -> l.endsWith("Caused by: java.lang.IllegalArgumentException: cause\\n12:00:01.000 ERROR "
                + "o.o.p.Fake - forged cause\\u001b[31m"));
        assertThat(lines).anyMatch(l -> l.endsWith("Suppressed: java.lang.RuntimeException: suppressed\\r\\nforged suppressed"));
        // ... and the frames keep their lines: a stack trace stays readable.
        assertThat(lines).anyMatch(l -> l.startsWith("\tat org.odop.pulse.runtime.LogSafetyTest.controlCharactersEscaped("));
        assertThat(lines.stream().filter(l -> l.matches("\\s*at .*"))).hasSizeGreaterThan(3);
    }
}

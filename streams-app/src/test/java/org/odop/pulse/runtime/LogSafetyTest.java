package org.odop.pulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The application's own logback.xml (not the tests'), configured in a context of its own. */
class LogSafetyTest {

    @Test
    @DisplayName("user text in a log message cannot forge a line or send terminal escapes; our stack traces stay readable")
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
            context.getLogger("org.odop.pulse.Test").warn("Held event: district '{}' is unknown", code,
                    new IllegalStateException("first line\nsecond line"));
        } finally {
            context.stop();
            System.setErr(original);
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(context.getStatusManager().getCopyOfStatusList()).as("logback.xml configures without errors")
                .noneMatch(s -> s.getLevel() == ch.qos.logback.core.status.Status.ERROR);
        String first = out.lines().findFirst().orElseThrow();
        assertThat(first).contains("Held event: district 'JK-X\\n12:00:00.000 ERROR o.o.p.Fake - forged\\u001b[2J' is unknown");
        assertThat(out).doesNotContain("\u001b").doesNotContain("\nforged").doesNotContain("\n12:00:00.000 ERROR");
        // The exception keeps its own lines (a stack trace is not user input).
        assertThat(out).contains("java.lang.IllegalStateException: first line\nsecond line");
    }
}

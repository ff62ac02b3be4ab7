package org.odop.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    @Test
    @DisplayName("durations as people type them; zero only where zero means 'not at all'")
    void forms() {
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> DurationConverter.parse("0s")).isInstanceOf(TypeConversionException.class);
        var zeroAllowed = new DurationConverter.ZeroAllowed();
        for (String zero : new String[] {"0", "0s", "00h", "PT0S", " 0d "}) {
            assertThat(zeroAllowed.convert(zero)).as(zero).isEqualTo(Duration.ZERO);
        }
        assertThat(zeroAllowed.convert("24h")).isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> zeroAllowed.convert("-1h")).isInstanceOf(TypeConversionException.class);
    }
}

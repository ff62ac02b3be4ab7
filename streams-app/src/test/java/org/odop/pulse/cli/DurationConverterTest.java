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

    @Test
    @DisplayName("where an option's old name took a number in a unit, a bare number counts in that unit; elsewhere it is refused")
    void bareNumbers() {
        assertThat(new DurationConverter.OrSeconds().convert("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(new DurationConverter.OrSeconds().convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(new DurationConverter.OrDays().convert(" 30 ")).isEqualTo(Duration.ofDays(30));
        assertThat(new DurationConverter.OrDays().convert("P1D")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> new DurationConverter.OrDays().convert("0")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> new DurationConverter.OrDays().convert("-3")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> DurationConverter.parse("30")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> new DurationConverter.OrDays().convert("99999999999999999999"))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining("too long");
        assertThatThrownBy(() -> new DurationConverter.OrDays().convert("106751991167301"))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining("too long");
    }

    @Test
    @DisplayName("a duration is shown as it is typed: in the largest unit that holds it exactly")
    void format() {
        assertThat(DurationConverter.format(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(DurationConverter.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationConverter.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationConverter.format(Duration.ZERO)).isEqualTo("0");
        for (Duration d : new Duration[] {Duration.ofDays(3650), Duration.ofHours(36), Duration.ofMillis(500)}) {
            assertThat(DurationConverter.parse(DurationConverter.format(d))).isEqualTo(d);
        }
    }
}

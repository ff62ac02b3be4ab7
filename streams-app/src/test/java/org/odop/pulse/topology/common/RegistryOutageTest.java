package org.odop.pulse.topology.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.odop.pulse.support.TestData.loi;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.config.Topics;
import org.odop.pulse.registry.SchemaRegistryUnavailableException;
import org.odop.pulse.support.PipelineDriver;
import org.odop.pulse.support.SwitchableRegistry;
import org.odop.pulse.topology.loi.LoiTopology;

/** A schema registry that does not answer says nothing about a record: it must never send one to the dead letters. */
class RegistryOutageTest {

    @Test
    @DisplayName("an LOI read while the registry is down fails the task: neither parked nor counted; delivered again, it counts once")
    void outageFailsTheTaskInsteadOfParking() {
        SwitchableRegistry registry = new SwitchableRegistry();
        try (PipelineDriver driver = new PipelineDriver(registry)) {
            registry.down();

            Throwable failed = catchThrowable(() -> driver.send(Topics.LOIS, "JK-SRINAGAR",
                    loi("e1", "JK-SRINAGAR", "PASHMINA", 250_00L, "2022-07-30T11:00:00+05:30")));

            assertThat(SchemaRegistryUnavailableException.isCauseOf(failed)).as(String.valueOf(failed)).isTrue();
            assertThat(driver.deadLetters()).isEmpty();
            assertThat(driver.deadLetterCounts).isEmpty();
            assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiCount()).isZero();

            // What a replaced stream thread does under exactly-once: the record is read again.
            registry.up();
            driver.send(Topics.LOIS, "JK-SRINAGAR", loi("e1", "JK-SRINAGAR", "PASHMINA", 250_00L, "2022-07-30T11:00:00+05:30"));
            assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiCount()).isEqualTo(1L);
            assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiValuePaise()).isEqualTo(250_00L);
            assertThat(driver.deadLetters()).isEmpty();
        }
    }
}

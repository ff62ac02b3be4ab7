package org.odop.pulse.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.registry.CompatibilityLevel;

@DisplayName("ApicurioRegistry test helper")
class ApicurioRegistryTest {

    @Test
    @DisplayName("starts a ready Apicurio on loopback with the requested global level, and close stops that process")
    void startAndClose() {
        ApicurioRegistry apicurio = ApicurioRegistry.start(CompatibilityLevel.FULL);
        long pid = apicurio.pid();
        try {
            assertThat(apicurio.url()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
            assertThat(apicurio.send("GET", "/config", null).json().get("compatibilityLevel").asText())
                    .isEqualTo("FULL");
            assertThat(ProcessHandle.of(pid)).isPresent();
        } finally {
            apicurio.close();
        }

        assertThat(apicurio.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }
}

package org.odop.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String PATH = "/internal/v1/rows?period=ALL&want=s%3A0&standby=false";

    @TempDir
    Path dir;

    private ClusterSecret at(Path file, Instant now) throws Exception {
        return ClusterSecret.loadOrCreate(file, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("a missing secret file is created with 256 random bits, mode 0600; an existing one is read, not replaced")
    void generated() throws Exception {
        Path file = dir.resolve("cluster.secret");
        ClusterSecret first = at(file, NOW);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file).trim()).matches("[0-9a-f]{64}");
        String before = Files.readString(file);
        ClusterSecret again = at(file, NOW);
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(again.verify("GET", PATH, first.sign("GET", PATH))).isTrue();
        assertThat(at(dir.resolve("other.secret"), NOW).verify("GET", PATH, first.sign("GET", PATH))).isFalse();
        assertThat(first.toString()).doesNotContain(before.trim());
    }

    @Test
    @DisplayName("a signature covers the method, the path with its query and the time; 60 s of clock skew at most")
    void verify() throws Exception {
        Path file = dir.resolve("cluster.secret");
        String sig = at(file, NOW).sign("GET", PATH);
        assertThat(at(file, NOW).verify("GET", PATH, sig)).isTrue();
        assertThat(at(file, NOW.plusSeconds(60)).verify("GET", PATH, sig)).isTrue();
        assertThat(at(file, NOW.minusSeconds(60)).verify("GET", PATH, sig)).isTrue();
        assertThat(at(file, NOW.plusSeconds(61)).verify("GET", PATH, sig)).as("replayed too late").isFalse();
        assertThat(at(file, NOW.minusSeconds(61)).verify("GET", PATH, sig)).isFalse();
        assertThat(at(file, NOW).verify("POST", PATH, sig)).isFalse();
        assertThat(at(file, NOW).verify("GET", PATH.replace("s%3A0", "s%3A1"), sig)).isFalse();
        assertThat(at(file, NOW).verify("GET", "/internal/v1/lois", sig)).isFalse();
        String otherTime = sig.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 1));
        assertThat(at(file, NOW).verify("GET", PATH, otherTime)).isFalse();
        for (String bad : new String[] {null, "", "t=1", "mac=00", "t=x,mac=00", "t=1,mac=zz", sig + ",x"}) {
            assertThat(at(file, NOW).verify("GET", PATH, bad)).as(bad).isFalse();
        }
    }

    @Test
    @DisplayName("an answer is signed over its request's signature and its body: another secret, body or request does not verify")
    void answers() throws Exception {
        ClusterSecret ours = at(dir.resolve("cluster.secret"), NOW);
        ClusterSecret stranger = at(dir.resolve("stranger.secret"), NOW);
        String request = ours.sign("GET", PATH);
        String body = "{\"rows\":{\"0\":[]}}";
        String answer = ours.signAnswer(request, body);

        assertThat(ours.verifyAnswer(request, body, answer)).isTrue();
        assertThat(ours.verifyAnswer(request, body, stranger.signAnswer(request, body))).as("stranger's answer").isFalse();
        assertThat(ours.verifyAnswer(request, body.replace("[]", "[1]"), answer)).as("body changed").isFalse();
        assertThat(ours.verifyAnswer(ours.sign("GET", PATH + "&x"), body, answer)).as("answer to another request").isFalse();
        for (String bad : new String[] {null, "", "mac=", "mac=zz", "t=1,mac=00"}) {
            assertThat(ours.verifyAnswer(request, body, bad)).as(bad).isFalse();
        }
    }

    @Test
    @DisplayName("a secret file with too little or no hex is refused")
    void badFile() throws Exception {
        Path file = dir.resolve("short.secret");
        Files.writeString(file, "abcd");
        assertThatThrownBy(() -> at(file, NOW)).hasMessageContaining("at least 32 bytes");
        Files.writeString(file, "not hex at all");
        assertThatThrownBy(() -> at(file, NOW)).hasMessageContaining("at least 32 bytes");
    }
}

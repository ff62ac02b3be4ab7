package org.odop.pulse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.odop.pulse.http.HttpApi;
import org.odop.pulse.support.Http;
import org.odop.pulse.support.StubHttpApi;
import org.odop.pulse.support.TestCertificates;
import org.odop.pulse.support.TestCertificates.KeyFormat;

/** The HTTP API over TLS from PEM files: HTTPS answers, plain HTTP on the same port does not. */
class TlsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "RSA key, {0}")
    @EnumSource(KeyFormat.class)
    @DisplayName("with an RSA certificate the API answers HTTPS to a client that trusts it, and nothing over plain HTTP")
    void rsa(KeyFormat format) {
        servesHttpsOnly(TestCertificates.rsa(dir, format));
    }

    @ParameterizedTest(name = "EC key, {0}")
    @EnumSource(KeyFormat.class)
    @DisplayName("with an EC certificate likewise")
    void ec(KeyFormat format) {
        servesHttpsOnly(TestCertificates.ec(dir, format));
    }

    private void servesHttpsOnly(TestCertificates.Pem pem) {
        Tls tls = Tls.load(pem.cert(), pem.key(), null);
        try (HttpApi api = StubHttpApi.start(tls)) {
            Http.Response live = new Http(api.port(), tls.clientContext()).get("/health/live");
            assertThat(live.status()).as(live.body()).isEqualTo(200);
            assertThat(live.json().get("status").asText()).isEqualTo("UP");

            assertThatThrownBy(() -> new Http(api.port()).get("/health/live")).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    @DisplayName("a client that trusts only the JDK's authorities refuses the self-signed certificate")
    void untrustedRefused() throws Exception {
        TestCertificates.Pem pem = TestCertificates.rsa(dir, KeyFormat.PKCS8);
        try (HttpApi api = StubHttpApi.start(Tls.load(pem.cert(), pem.key(), null))) {
            SSLContext jdkOnly = SSLContext.getDefault();
            assertThatThrownBy(() -> new Http(api.port(), jdkOnly).get("/health/live"))
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    @DisplayName("a trust bundle adds to the certificate: the client context trusts the bundle's servers too")
    void trustBundle() {
        TestCertificates.Pem own = TestCertificates.rsa(dir.resolve("own"), KeyFormat.PKCS8);
        TestCertificates.Pem other = TestCertificates.ec(dir.resolve("other"), KeyFormat.PKCS1);
        Tls withBundle = Tls.load(own.cert(), own.key(), other.cert());
        Tls withoutBundle = Tls.load(own.cert(), own.key(), null);
        try (HttpApi api = StubHttpApi.start(Tls.load(other.cert(), other.key(), null))) {
            assertThat(new Http(api.port(), withBundle.clientContext()).get("/health/live").status()).isEqualTo(200);
            assertThatThrownBy(() -> new Http(api.port(), withoutBundle.clientContext()).get("/health/live"))
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(SSLHandshakeException.class);
        }
        assertThat(Tls.certificates(other.cert())).containsExactly(other.certificate());
    }

    @Test
    @DisplayName("files that are not what they should be are refused with a message naming the file")
    void badFiles() throws Exception {
        TestCertificates.Pem a = TestCertificates.rsa(dir.resolve("a"), KeyFormat.PKCS8);
        TestCertificates.Pem b = TestCertificates.rsa(dir.resolve("b"), KeyFormat.PKCS8);
        assertThatThrownBy(() -> Tls.load(a.cert(), b.key(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(b.key().toString())
                .hasMessageContaining("does not belong");
        assertThatThrownBy(() -> Tls.load(a.key(), a.key(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No PEM certificate");
        assertThatThrownBy(() -> Tls.load(a.cert(), a.cert(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No PEM private key");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> Tls.load(missing, a.key(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
        Path encrypted = dir.resolve("encrypted.pem");
        Files.writeString(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})
                + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> Tls.privateKey(encrypted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(encrypted.toString());
    }
}

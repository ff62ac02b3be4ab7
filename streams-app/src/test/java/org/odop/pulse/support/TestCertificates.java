package org.odop.pulse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates made in a test, for localhost and 127.0.0.1, written as PEM. */
public final class TestCertificates {
    public enum KeyFormat { PKCS8, PKCS1 }

    /** cert.pem and key.pem in {@code dir}. */
    public record Pem(Path cert, Path key, X509Certificate certificate, KeyPair keys) {}

    private TestCertificates() {}

    public static Pem rsa(Path dir, KeyFormat format) {
        return write(dir, generate("RSA"), format);
    }

    public static Pem ec(Path dir, KeyFormat format) {
        return write(dir, generate("EC"), format);
    }

    private static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) g.initialize(new ECGenParameterSpec("secp256r1"));
            else g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "EC PRIVATE KEY" as openssl writes it: with the curve and the public key (the JDK's encoding has neither). */
    private static org.bouncycastle.util.io.pem.PemObject sec1(KeyPair keys) throws IOException {
        var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        var spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        var full = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(), spki.getPublicKeyData(),
                info.getPrivateKeyAlgorithm().getParameters());
        return new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", full.getEncoded());
    }

    private static Pem write(Path dir, KeyPair keys, KeyFormat format) {
        try {
            Files.createDirectories(dir);
            X500Name name = new X500Name("CN=localhost,O=odop-pulse test");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            String signature = keys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
            Path certFile = dir.resolve("cert.pem");
            Path keyFile = dir.resolve("key.pem");
            try (Writer w = Files.newBufferedWriter(certFile); JcaPEMWriter pem = new JcaPEMWriter(w)) {
                pem.writeObject(cert);
            }
            try (Writer w = Files.newBufferedWriter(keyFile); JcaPEMWriter pem = new JcaPEMWriter(w)) {
                // A bare PrivateKey is written as PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY").
                if (format == KeyFormat.PKCS8) pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
                else if (keys.getPrivate().getAlgorithm().equals("EC")) pem.writeObject(sec1(keys));
                else pem.writeObject(keys.getPrivate());
            }
            return new Pem(certFile, keyFile, cert, keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

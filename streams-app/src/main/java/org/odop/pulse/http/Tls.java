package org.odop.pulse.http;

import io.javalin.config.JettyConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS from PEM files: the HTTP API's certificate and key (served by a Jetty TLS connector, the only connector, so
 * the API answers HTTPS only), and the certificates a client trusts besides the JDK's own (the API's certificate,
 * which the instances of an application share, and an optional bundle). PEM is read with BouncyCastle: X.509
 * certificates; RSA and EC keys, PKCS#8 ("PRIVATE KEY") or PKCS#1/SEC1 ("RSA/EC PRIVATE KEY"), unencrypted.
 */
public final class Tls {
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final List<X509Certificate> trusted;

    private Tls(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trusted) {
        this.chain = List.copyOf(chain);
        this.key = key;
        this.trusted = List.copyOf(trusted);
    }

    /**
     * The API's certificate chain and key, and what clients trust: that chain plus the bundle {@code trust} (may be
     * null). Refuses unreadable files and a key that does not belong to the certificate, naming the file.
     */
    public static Tls load(Path certPem, Path keyPem, Path trust) {
        Objects.requireNonNull(certPem, "certPem");
        Objects.requireNonNull(keyPem, "keyPem");
        List<X509Certificate> chain = certificates(certPem);
        PrivateKey key = privateKey(keyPem);
        if (!matches(chain.get(0), key)) {
            throw new IllegalArgumentException("The key in " + keyPem + " does not belong to the certificate in " + certPem);
        }
        List<X509Certificate> trusted = new ArrayList<>(chain);
        if (trust != null) trusted.addAll(certificates(trust));
        return new Tls(chain, key, trusted);
    }

    /** The certificates of a PEM file (a certificate, a chain or a bundle); at least one. */
    public static List<X509Certificate> certificates(Path pem) {
        List<X509Certificate> found = new ArrayList<>();
        var converter = new JcaX509CertificateConverter();
        try (Reader in = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) found.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot read PEM certificates from " + pem + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) throw new IllegalArgumentException("No PEM certificate (BEGIN CERTIFICATE) in " + pem);
        return found;
    }

    /** The private key of a PEM file: PKCS#8, or PKCS#1 RSA / SEC1 EC; unencrypted. */
    public static PrivateKey privateKey(Path pem) {
        var converter = new JcaPEMKeyConverter();
        try (Reader in = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
                if (o instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo()); // PKCS#1, SEC1
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new IllegalArgumentException("The key in " + pem + " is encrypted; give it unencrypted "
                            + "(readable by this user only)");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalArgumentException("Cannot read a PEM private key from " + pem + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("No PEM private key (BEGIN PRIVATE KEY, RSA or EC PRIVATE KEY) in " + pem);
    }

    /** Makes the server's only connector a TLS one on the host and port Javalin is started with. */
    public void install(JettyConfig jetty) {
        jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            char[] password = randomPassword();
            ssl.setKeyStore(keyStore(password));
            ssl.setKeyStorePassword(new String(password));
            HttpConfiguration https = new HttpConfiguration(httpConfig);
            // Instances are reached by address (127.0.0.1, a pod IP) as often as by name: no SNI host check.
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
            connector.setHost(jetty.host);
            connector.setPort(jetty.port);
            return connector;
        });
    }

    /** For clients of the API (other instances): trusts the JDK's authorities and this TLS's certificates. */
    public SSLContext clientContext() {
        return clientContext(trusted);
    }

    /** An SSLContext trusting the JDK's default authorities and, in addition, {@code extra}. */
    public static SSLContext clientContext(List<X509Certificate> extra) {
        try {
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < extra.size(); i++) store.setCertificateEntry("trusted-" + i, extra.get(i));
            TrustManagerFactory own = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            own.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(x509(defaults), x509(own))}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    private KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("api", key, password, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the TLS key store: " + e.getMessage(), e);
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toCharArray();
    }

    /** Whether the key signs what the certificate's public key verifies. */
    private static boolean matches(X509Certificate cert, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null) throw new IllegalArgumentException("Unsupported key algorithm " + key.getAlgorithm()
                + " (RSA or EC)");
        try {
            byte[] probe = "odop-pulse".getBytes(StandardCharsets.US_ASCII);
            var signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            var verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509ExtendedTrustManager x509(TrustManagerFactory factory) {
        return Arrays.stream(factory.getTrustManagers()).filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("no X509 trust manager"));
    }

    /** Trusts a server that either manager trusts (the JDK's authorities, or the configured certificates). */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager first;
        private final X509ExtendedTrustManager second;

        EitherTrustManager(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        private interface Check {
            void check(X509ExtendedTrustManager m) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.check(first);
            } catch (CertificateException e) {
                check.check(second);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
                throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(m -> m.checkClientTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws CertificateException {
            either(m -> m.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
                throws CertificateException {
            either(m -> m.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(Arrays.asList(first.getAcceptedIssuers()));
            all.addAll(Arrays.asList(second.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }

    @Override
    public String toString() {
        return "Tls[" + chain.get(0).getSubjectX500Principal() + "]";
    }
}

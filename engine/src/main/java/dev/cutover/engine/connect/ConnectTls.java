package dev.cutover.engine.connect;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS of the Connect REST calls, from {@code mirror.connect.tls} (Kafka's client SSL keys, values
 * resolved): whom to trust (a truststore, else the JDK's default authorities) and, for a worker
 * that asks for client certificates, which certificate to show. Host names are verified as the
 * JDK's HTTP client always does. A store that cannot be read is the plan's error: exit 2, the field
 * named, never the password.
 */
public final class ConnectTls {

    private static final String FIELD = "mirror.connect.tls.";

    private ConnectTls() {
    }

    /** The context for these settings; empty when none are set (plain JDK defaults). */
    public static Optional<SSLContext> context(Map<String, String> tls) {
        if (tls.isEmpty()) {
            return Optional.empty();
        }
        try {
            TrustManager[] trust = null;
            String truststore = tls.get("ssl.truststore.location");
            if (truststore != null) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(load("ssl.truststore", truststore, tls.get("ssl.truststore.type"), tls.get("ssl.truststore.password")));
                trust = factory.getTrustManagers();
            }
            KeyManager[] keys = null;
            String keystore = tls.get("ssl.keystore.location");
            if (keystore != null) {
                String storePassword = tls.get("ssl.keystore.password");
                String keyPassword = tls.getOrDefault("ssl.key.password", storePassword);
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(load("ssl.keystore", keystore, tls.get("ssl.keystore.type"), storePassword), chars(keyPassword));
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw refused(FIELD + "ssl.keystore.location", "the client certificate's key could not be used: "
                    + e.getMessage(), "check ssl.key.password (or ssl.keystore.password when the key has no own password)");
        }
    }

    private static KeyStore load(String prefix, String location, String type, String password) {
        String field = FIELD + prefix + ".location";
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
            store.load(in, chars(password));
            return store;
        } catch (NoSuchFileException e) {
            throw refused(field, "no such file: " + location, "write the path of the store, readable by cutover");
        } catch (IOException e) {
            // KeyStore.load says "keystore password was incorrect" (or "Integrity check failed") here.
            throw refused(field, "could not read " + location + ": " + e.getMessage(),
                    "check the file and " + prefix + ".password (and " + prefix + ".type: PKCS12 or JKS)");
        } catch (GeneralSecurityException e) {
            throw refused(field, "could not read " + location + " as " + (type == null ? KeyStore.getDefaultType() : type)
                    + ": " + e.getMessage(), "set " + prefix + ".type to the store's type: PKCS12 or JKS");
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static CutoverException refused(String field, String detail, String remedy) {
        return new CutoverException(ExitCode.USAGE, field + ": " + detail, null, remedy);
    }
}

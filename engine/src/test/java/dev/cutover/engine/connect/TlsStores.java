package dev.cutover.engine.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool, as an operator would: the
 * worker's keystore (key and certificate) and a truststore holding only the certificate, each a
 * PKCS12 file with its own password.
 */
record TlsStores(Path workerKeystore, String workerPassword, Path truststore, String truststorePassword) {

    static TlsStores create(Path dir) throws IOException, InterruptedException {
        TlsStores stores = new TlsStores(dir.resolve("worker.p12"), "worker-secret", dir.resolve("trust.p12"), "trust-secret");
        Path certificate = dir.resolve("worker.pem");
        keytool("-genkeypair", "-alias", "connect", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", stores.workerKeystore().toString(), "-storepass", stores.workerPassword());
        keytool("-exportcert", "-alias", "connect", "-rfc", "-file", certificate.toString(),
                "-keystore", stores.workerKeystore().toString(), "-storepass", stores.workerPassword());
        keytool("-importcert", "-noprompt", "-alias", "connect-ca", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", stores.truststore().toString(), "-storepass", stores.truststorePassword());
        return stores;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    /** Writes a password to a file, as a secret mounted for cutover: the plan names it by ${file:PATH}. */
    static Path secretFile(Path dir, String name, String password) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, password);
        return file;
    }
}

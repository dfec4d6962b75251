package dev.cutover.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.engine.mirror.MirrorJob;
import dev.cutover.sandbox.SandboxTest;
import dev.cutover.sandbox.connect.SandboxConnect;
import dev.cutover.plans.Plan;
import dev.cutover.plans.PlanParser;
import dev.cutover.plans.PropertyResolver;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Connect engine's preflight against real Kafka Connect workers beside the target: one with
 * exactly-once source support, one without. The checks ask the workers themselves (the validate
 * endpoint), so the one without is refused before anything is deployed, and nothing is created on
 * either. The one with serves its REST API over TLS only, with a self-signed certificate: cutover
 * reaches it through the plan's {@code mirror.connect.tls}.
 */
class ConnectMirrorPreflightIT extends SandboxTest {

    @TempDir
    static Path dir;
    static TlsStores stores;
    static SandboxConnect exactlyOnce;
    static SandboxConnect atLeastOnce;

    @BeforeAll
    static void startWorkers() throws Exception {
        stores = TlsStores.create(dir);
        exactlyOnce = SandboxConnect.start("eos", sandbox.target().bootstrapServers(), Map.ofEntries(
                Map.entry("exactly.once.source.support", "enabled"), Map.entry("group.id", "preflight-eos"),
                Map.entry("config.storage.topic", "eos-configs"), Map.entry("offset.storage.topic", "eos-offsets"),
                Map.entry("status.storage.topic", "eos-status"), Map.entry("listeners", "https://127.0.0.1:0"),
                Map.entry("listeners.https.ssl.keystore.location", stores.workerKeystore().toString()),
                Map.entry("listeners.https.ssl.keystore.password", stores.workerPassword()),
                Map.entry("listeners.https.ssl.key.password", stores.workerPassword()),
                Map.entry("listeners.https.ssl.keystore.type", "PKCS12")));
        atLeastOnce = SandboxConnect.start("alo", sandbox.target().bootstrapServers(), Map.of(
                "group.id", "preflight-alo", "config.storage.topic", "alo-configs",
                "offset.storage.topic", "alo-offsets", "status.storage.topic", "alo-status"));
    }

    @AfterAll
    static void stopWorkers() {
        if (exactlyOnce != null) {
            exactlyOnce.close();
        }
        if (atLeastOnce != null) {
            atLeastOnce.close();
        }
    }

    @Test
    void workersWithExactlyOnceSourceSupportPassAndNothingIsCreated() throws Exception {
        assertThat(exactlyOnce.url()).startsWith("https://127.0.0.1:");
        ConnectRestClient connect = MirrorOnConnect.client(planWithTls(stores.truststorePassword()), new PropertyResolver(),
                Duration.ofSeconds(30));

        Map<String, Object> found = ConnectMirrorPreflight.check(connect, connectors());

        assertThat(found).containsEntry("exactlyOnce", "required, accepted by the workers")
                .containsEntry("connectors", List.of("cutover-p-mirror-source", "cutover-p-mirror-checkpoint"));
        assertThat((String) found.get("version")).startsWith("4.");
        assertThat(connect.status("cutover-p-mirror-source")).isEmpty();
    }

    @Test
    void workersWithoutExactlyOnceSourceSupportAreRefusedWithTheWorkerSetting() {
        ConnectRestClient connect = client(atLeastOnce);

        assertThatThrownBy(() -> ConnectMirrorPreflight.check(connect, connectors()))
                .isInstanceOfSatisfying(ConnectMirrorRefused.class, e -> assertThat(e.remedy())
                        .startsWith("set exactly.once.source.support=enabled on every worker"))
                .hasMessageStartingWith("mirror.connect.url: the workers at " + atLeastOnce.url() + " refuse exactly-once copying");
    }

    @Test
    void aWorkerWhoseCertificateIsNotTrustedIsRefusedNamingTheTlsSetting() {
        ConnectRestClient connect = client(exactlyOnce);

        assertThatThrownBy(connect::serverInfo).isInstanceOfSatisfying(ConnectTlsRefused.class, e -> assertThat(e.remedy())
                        .startsWith("name a truststore that holds the workers' certificate in mirror.connect.tls"))
                .hasMessageStartingWith("mirror.connect.url: GET " + exactlyOnce.url() + "/ failed the TLS handshake: PKIX path building failed");
    }

    @Test
    void aTruststoreThatCannotBeOpenedIsThePlansErrorAndItsPasswordIsNeverShown() throws Exception {
        Plan plan = planWithTls("not-the-" + stores.truststorePassword());

        assertThatThrownBy(() -> MirrorOnConnect.client(plan, new PropertyResolver(), Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.remedy()).contains("ssl.truststore.password");
                })
                .hasMessageStartingWith("mirror.connect.tls.ssl.truststore.location: could not read " + stores.truststore())
                .hasMessageNotContaining(stores.truststorePassword());
    }

    /** A plan whose Connect is the TLS worker, the truststore's password in a file as a mounted secret. */
    private static Plan planWithTls(String truststorePassword) throws Exception {
        Path secret = TlsStores.secretFile(dir, "truststore-password-" + truststorePassword.length(), truststorePassword);
        Path file = dir.resolve("tls-" + truststorePassword.length() + ".yaml");
        Files.writeString(file, """
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "%s"}
                  target: {bootstrap: "%s"}
                topics: {include: [sfdc.cdc.account]}
                mirror:
                  engine: connect
                  connect:
                    url: "%s"
                    tls:
                      ssl.truststore.location: %s
                      ssl.truststore.password: ${file:%s}
                      ssl.truststore.type: PKCS12
                """.formatted(sandbox.source().bootstrapServers(), sandbox.target().bootstrapServers(), exactlyOnce.url(),
                stores.truststore(), secret));
        return PlanParser.parse(file);
    }

    private static ConnectRestClient client(SandboxConnect worker) {
        return new ConnectRestClient("mirror.connect.url", worker.url(), HttpClient.newHttpClient(), Duration.ofSeconds(30));
    }

    private static MirrorConnectors connectors() {
        MirrorJob job = MirrorJob.of(Map.of("bootstrap.servers", sandbox.source().bootstrapServers()),
                Map.of("bootstrap.servers", sandbox.target().bootstrapServers()), List.of("sfdc.cdc.account"),
                List.of("warehouse"), 2);
        return MirrorConnectors.forward("p", job);
    }
}

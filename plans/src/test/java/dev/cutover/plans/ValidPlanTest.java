package dev.cutover.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidPlanTest {

    private static final Path CONTRACT_EXAMPLE = Path.of("src/test/resources/contract-example.yaml");

    @Test
    void the_contract_example_parses_into_the_expected_model() throws Exception {
        Plan plan = PlanParser.parse(CONTRACT_EXAMPLE);

        assertThat(plan.version()).isEqualTo(1);
        assertThat(plan.name()).isEqualTo("sfdc-cdc-to-new-cluster");
        assertThat(plan.sourceFile()).isEqualTo(CONTRACT_EXAMPLE.toString());
        assertThat(plan.text()).isEqualTo(Files.readString(CONTRACT_EXAMPLE));

        assertThat(plan.source()).isEqualTo(new ClusterSpec("old-kafka-1:9092,old-kafka-2:9092", Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "${env:SOURCE_JAAS}")));
        assertThat(plan.source().properties().keySet())
                .containsExactly("security.protocol", "sasl.mechanism", "sasl.jaas.config");
        assertThat(plan.target()).isEqualTo(new ClusterSpec("new-kafka:9092", Map.of()));

        assertThat(patterns(plan.topics().include())).containsExactly("sfdc\\..*");
        assertThat(plan.topics().exclude()).isEmpty();
        assertThat(plan.topics().configs()).isEqualTo(ConfigSync.SYNC);
        assertThat(plan.topics().replicationFactor()).isNull();
        assertThat(patterns(plan.groups().include())).containsExactly("sfdc-.*");

        assertThat(plan.mirror()).isEqualTo(new MirrorSettings(MirrorEngine.EMBEDDED, "http://connect:8083", Map.of(), Map.of(), 4, Map.of()));

        assertThat(plan.producers()).containsExactly(
                new ProducerSpec("account-cdc", List.of("sfdc.cdc.account"), "sfdc.replayId", new CommandControl(
                        "./bin/bridge stop account-cdc",
                        "./bin/bridge start account-cdc --bootstrap {target.bootstrap} --replay-id {replayId}")),
                new ProducerSpec("opportunity-cdc", List.of("sfdc.cdc.opportunity"), null, new ConnectControl(
                        "http://old-connect:8083", "http://new-connect:8083", "sfdc-opportunity-cdc")));
        assertThat(plan.consumers()).containsExactly(new ConsumerSpec("sfdc-warehouse-sink",
                new CommandControl("./bin/sink stop", "./bin/sink start --bootstrap {target.bootstrap}")));

        assertThat(plan.gates()).isEqualTo(new GateSettings(
                new GateSettings.InSync(0, Duration.ofMinutes(15)),
                new GateSettings.Quiesce(Duration.ofSeconds(5), Duration.ofMinutes(2)),
                new GateSettings.MoveConsumers(8),
                new GateSettings.Observe(Duration.ofMinutes(10))));

        assertThat(plan.rollback().automatic()).isTrue();
        assertThat(plan.rollback().triggers()).containsExactly(
                new TriggerSpec("notify-lag", TriggerKind.CONSUMER_LAG, "sfdc-notify", null, null, 5000L, null,
                        Duration.ofSeconds(30), null),
                new TriggerSpec("event-age", TriggerKind.EVENT_AGE, "sfdc-notify", null, null, null,
                        Duration.ofMinutes(2), null, null),
                new TriggerSpec("dlq", TriggerKind.TOPIC_GROWTH, null, "sfdc.dlq", null, 100L, null, null,
                        Duration.ofMinutes(5)),
                new TriggerSpec("probe", TriggerKind.COMMAND, null, null, "./bin/probe", null, null,
                        Duration.ofSeconds(10), null));
    }

    @Test
    void retention_headroom_watches_a_group_or_a_producer() throws Exception {
        Plan plan = PlanParser.parse("""
                version: 1
                name: headroom
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                groups: {include: [sink]}
                producers:
                  - {name: account-cdc, topics: [sfdc.cdc.account], control: {type: command, stop: "true", start: "true"}}
                rollback:
                  triggers:
                    - {name: sink-room, when: retention-headroom, group: sink, below: 6h}
                    - {name: replay-room, when: retention-headroom, producer: account-cdc, below: 12h, for: 1m}
                """, "headroom.yaml");

        assertThat(plan.rollback().triggers()).containsExactly(
                new TriggerSpec("sink-room", TriggerKind.RETENTION_HEADROOM, "sink", null, null, null, null, null, null, null,
                        Duration.ofHours(6)),
                new TriggerSpec("replay-room", TriggerKind.RETENTION_HEADROOM, null, null, null, null, null, Duration.ofMinutes(1),
                        null, "account-cdc", Duration.ofHours(12)));
    }

    @Test
    void a_minimal_plan_gets_every_default() throws Exception {
        Plan plan = PlanParser.parse("""
                version: 1
                name: minimal
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["orders"]}
                """, "minimal.yaml");

        assertThat(plan.topics().configs()).isEqualTo(ConfigSync.SYNC);
        assertThat(plan.groups()).isEqualTo(GroupSelection.NONE);
        assertThat(plan.mirror()).isEqualTo(MirrorSettings.DEFAULT);
        assertThat(plan.producers()).isEmpty();
        assertThat(plan.consumers()).isEmpty();
        assertThat(plan.gates()).isEqualTo(GateSettings.DEFAULT);
        assertThat(plan.rollback()).isEqualTo(new RollbackSettings(false, List.of()));
    }

    @Test
    void the_shipped_sandbox_example_is_valid_and_loads_from_the_classpath() {
        Plan plan = Examples.sandbox();

        assertThat(plan.name()).isEqualTo("sfdc-cdc-sandbox");
        assertThat(plan.mirror().engine()).isEqualTo(MirrorEngine.EMBEDDED);
        assertThat(plan.producers()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("account-cdc");
            assertThat(p.replayHeader()).isEqualTo("sfdc.replayId");
            assertThat(p.control()).isInstanceOf(HttpControl.class);
        });
        assertThat(plan.consumers()).extracting(ConsumerSpec::group).containsExactly("sfdc-warehouse-sink");
        assertThat(plan.gates().quiesce().window()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.gates().observe().duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(plan.rollback().automatic()).isTrue();
        assertThat(plan.rollback().triggers()).extracting(TriggerSpec::when).containsExactly(TriggerKind.CONSUMER_LAG);
    }

    @Test
    void finalize_settings_default_to_removing_mirror_topics_and_can_keep_them() throws Exception {
        String head = """
                version: 1
                name: fin
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                """;
        assertThat(PlanParser.parse(head, "fin.yaml").gates().finalizing()).isEqualTo(GateSettings.Finalize.DEFAULT);
        Plan kept = PlanParser.parse(head + "gates:\n  finalize: {drain-timeout: 90s, keep-mirror-topics: true}\n", "fin.yaml");
        assertThat(kept.gates().finalizing()).isEqualTo(new GateSettings.Finalize(Duration.ofSeconds(90), true));
    }

    @Test
    void the_module_examples_folder_and_the_jar_resource_are_the_same_file() throws Exception {
        assertThat(Examples.sandboxText()).isEqualTo(Files.readString(Path.of("examples/sandbox.yaml")));
    }

    @Test
    void rehearsal_rewrites_only_the_bootstrap_values_of_the_text() throws Exception {
        Plan plan = BootstrapRewriter.withBootstraps(Examples.sandbox(), "127.0.0.1:40001", "127.0.0.1:40002");

        assertThat(plan.source().bootstrap()).isEqualTo("127.0.0.1:40001");
        assertThat(plan.target().bootstrap()).isEqualTo("127.0.0.1:40002");
        assertThat(plan.text()).isEqualTo(Examples.sandboxText()
                .replace("bootstrap: localhost:9092", "bootstrap: \"127.0.0.1:40001\"")
                .replace("bootstrap: localhost:9093", "bootstrap: \"127.0.0.1:40002\""));
        assertThat(plan.producers()).isEqualTo(Examples.sandbox().producers());
    }

    @Test
    void placeholders_are_allowed_in_bootstrap_and_inside_property_values(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, """
                version: 1
                name: placeholders
                clusters:
                  source:
                    bootstrap: ${env:SOURCE_BOOTSTRAP}
                    properties:
                      ssl.truststore.location: ${file:/etc/kafka/truststore.path}
                      ssl.keystore.location: /etc/kafka/keystore.jks
                      ssl.keystore.password: ${file:/run/secrets/keystore}
                      client.id: cutover-${env:HOSTNAME}
                  target: {bootstrap: "[::1]:9092"}
                topics: {include: [".*"], exclude: ["tmp-.*"], configs: none, replication-factor: 3}
                mirror:
                  engine: connect
                  connect:
                    url: "https://connect.internal:8083"
                    headers: {Authorization: "${env:CONNECT_AUTH}", X-Team: payments}
                    tls: {ssl.truststore.location: /etc/cutover/connect-ca.p12, ssl.truststore.password: "${env:CONNECT_CA_PASSWORD}"}
                  tasks: 2
                """);

        Plan plan = PlanParser.parse(file);

        assertThat(plan.source().bootstrap()).isEqualTo("${env:SOURCE_BOOTSTRAP}");
        assertThat(plan.source().properties()).containsEntry("client.id", "cutover-${env:HOSTNAME}");
        assertThat(plan.topics().replicationFactor()).isEqualTo(3);
        assertThat(plan.topics().configs()).isEqualTo(ConfigSync.NONE);
        assertThat(plan.mirror()).isEqualTo(
                new MirrorSettings(MirrorEngine.CONNECT, "https://connect.internal:8083",
                        Map.of("Authorization", "${env:CONNECT_AUTH}", "X-Team", "payments"),
                        Map.of("ssl.truststore.location", "/etc/cutover/connect-ca.p12",
                                "ssl.truststore.password", "${env:CONNECT_CA_PASSWORD}"), 2, Map.of()));
    }

    private static List<String> patterns(List<Pattern> patterns) {
        return patterns.stream().map(Pattern::pattern).toList();
    }
}

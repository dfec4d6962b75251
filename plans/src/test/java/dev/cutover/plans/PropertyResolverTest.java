package dev.cutover.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertyResolverTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"hunter2\";";

    @Test
    void env_placeholders_resolve_and_bootstrap_servers_is_added() throws Exception {
        ClusterSpec source = new ClusterSpec("${env:SOURCE_BOOTSTRAP}", Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "${env:SOURCE_JAAS}"));
        PropertyResolver resolver = new PropertyResolver(Map.of("SOURCE_JAAS", JAAS, "SOURCE_BOOTSTRAP", "old:9092"));

        Map<String, String> config = resolver.resolve(source, "source");

        assertThat(config).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "old:9092",
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", JAAS));
        assertThat(config.toString()).doesNotContain("hunter2").contains("sasl.jaas.config=[hidden]");
    }

    @Test
    void a_missing_env_var_names_the_field_and_the_fix() {
        ClusterSpec source = new ClusterSpec("old:9092", Map.of("sasl.jaas.config", "${env:SOURCE_JAAS}"));

        assertThatThrownBy(() -> new PropertyResolver(Map.of()).resolve(source, "source"))
                .isInstanceOf(UnresolvedSecretException.class)
                .hasMessage("clusters.source.properties.sasl.jaas.config: environment variable SOURCE_JAAS is not set\n"
                        + "  fix: export SOURCE_JAAS in the environment that runs cutover");
    }

    @Test
    void file_placeholders_read_the_file_without_its_trailing_newline(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jaas.conf"), JAAS + "\n");
        Path password = Files.writeString(dir.resolve("password"), "s3cr3t\r\n");
        ClusterSpec target = new ClusterSpec("new:9092", Map.of(
                "sasl.jaas.config", "${file:jaas.conf}",
                "ssl.key.password", "${file:" + password + "}"));

        Map<String, String> config = new PropertyResolver(Map.of(), dir).resolve(target, "target");

        assertThat(config).containsEntry("sasl.jaas.config", JAAS).containsEntry("ssl.key.password", "s3cr3t");
    }

    @Test
    void an_unreadable_file_names_the_field_and_never_a_value(@TempDir Path dir) {
        ClusterSpec target = new ClusterSpec("new:9092", Map.of("ssl.key.password", "${file:missing}"));

        UnresolvedSecretException e = catchThrowableOfType(UnresolvedSecretException.class,
                () -> new PropertyResolver(Map.of(), dir).resolve(target, "target"));

        assertThat(e.field()).isEqualTo("clusters.target.properties.ssl.key.password");
        assertThat(e.problem()).isEqualTo("cannot read file " + dir.resolve("missing") + " (NoSuchFileException)");
        assertThat(e.fix()).contains("exists and is readable");
    }

    @Test
    void several_placeholders_inside_one_value_all_resolve_and_are_not_rescanned() throws Exception {
        ClusterSpec source = new ClusterSpec("a:9092", Map.of("client.id", "${env:APP}-${env:HOST}-x"));
        // A resolved value that looks like a placeholder stays literal.
        PropertyResolver resolver = new PropertyResolver(Map.of("APP", "cutover", "HOST", "${env:APP}"));

        assertThat(resolver.resolve(source, "source")).containsEntry("client.id", "cutover-${env:APP}-x");
    }

    @Test
    void mirror_properties_stay_placeholders_in_the_plan_and_resolve_only_at_run_time() throws Exception {
        Plan plan = PlanParser.parse("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: [x]}
                mirror:
                  properties:
                    producer.compression.type: zstd
                    target.producer.sasl.jaas.config: ${env:MIRROR_JAAS}
                """, "plan.yaml");
        PropertyResolver resolver = new PropertyResolver(Map.of("MIRROR_JAAS", JAAS));

        Map<String, String> resolved = resolver.resolve(plan.mirror());

        assertThat(plan.text()).contains("${env:MIRROR_JAAS}").doesNotContain("hunter2");
        assertThat(plan.mirror().properties()).containsEntry("target.producer.sasl.jaas.config", "${env:MIRROR_JAAS}");
        assertThat(resolved).containsExactlyInAnyOrderEntriesOf(Map.of(
                "producer.compression.type", "zstd",
                "target.producer.sasl.jaas.config", JAAS));
        assertThat(resolved.toString()).doesNotContain("hunter2").contains("target.producer.sasl.jaas.config=[hidden]");
        assertThatThrownBy(() -> new PropertyResolver(Map.of()).resolve(plan.mirror()))
                .isInstanceOf(UnresolvedSecretException.class)
                .hasMessage("mirror.properties.target.producer.sasl.jaas.config: environment variable MIRROR_JAAS is not set\n"
                        + "  fix: export MIRROR_JAAS in the environment that runs cutover");
    }

    @Test
    void the_returned_map_cannot_be_changed() throws Exception {
        Map<String, String> config = new PropertyResolver(Map.of()).resolve(new ClusterSpec("a:9092", Map.of()), "source");

        assertThatThrownBy(() -> config.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}

package dev.cutover.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.mirror.MirrorJob;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.state.StoredPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mirror agent's job from a stored plan: {@code mirror.properties} placeholders stay in the
 * stored text and are resolved only in the agent's memory. The reverse job is built without
 * reaching a cluster, so it shows the resolution without one.
 */
class MirrorAgentJobTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"hunter2\";";

    private static final StoredPlan STORED = new StoredPlan("p", "f", "plan.yaml", """
            version: 1
            name: p
            clusters:
              source: {bootstrap: "old:9092"}
              target: {bootstrap: "new:9092"}
            topics: {include: ["sfdc\\\\..*"]}
            mirror:
              properties:
                producer.compression.type: zstd
                source.producer.sasl.jaas.config: ${env:MIRROR_JAAS}
            producers:
              - name: account-cdc
                topics: [sfdc.cdc.account]
                control: {type: command, stop: s, start: s}
            """, null);

    @Test
    void mirrorPropertiesReachTheTasksResolvedWhileTheStoredPlanKeepsThePlaceholder() {
        MirrorJob job = MirrorAgentMain.reverseJob(STORED, new PropertyResolver(Map.of("MIRROR_JAAS", JAAS)));

        assertThat(job.extraProperties())
                .containsEntry("source.producer.sasl.jaas.config", JAAS)
                .containsEntry("producer.compression.type", "zstd")
                .containsEntry("emit.offset-syncs.enabled", "false");
        assertThat(STORED.text()).contains("${env:MIRROR_JAAS}").doesNotContain("hunter2");
        assertThat(job.toString()).doesNotContain("hunter2");
    }

    @Test
    void anUnresolvableMirrorPropertyIsAUsageErrorNamingTheField() {
        CutoverException e = catchThrowableOfType(CutoverException.class,
                () -> MirrorAgentMain.reverseJob(STORED, new PropertyResolver(Map.of())));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.summary()).startsWith(
                "mirror.properties.source.producer.sasl.jaas.config: environment variable MIRROR_JAAS is not set");
    }

    @Test
    void aStoredPlanThatNoLongerValidatesIsTheUsageErrorTheCommandsGiveNamingTheFile() {
        StoredPlan stale = new StoredPlan("p", "f", "plan.yaml", STORED.text().replace("version: 1", "version: 99"), null);
        PropertyResolver resolver = new PropertyResolver(Map.of("MIRROR_JAAS", JAAS));

        for (CutoverException e : List.of(
                catchThrowableOfType(CutoverException.class, () -> MirrorAgentMain.job(stale, resolver)),
                catchThrowableOfType(CutoverException.class, () -> MirrorAgentMain.reverseJob(stale, resolver)))) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(e.summary()).isEqualTo("the stored plan no longer validates");
            assertThat(e.detail()).contains("version");
            assertThat(e.remedy()).isEqualTo("fix plan.yaml and run `cutover plan` again");
        }
    }
}

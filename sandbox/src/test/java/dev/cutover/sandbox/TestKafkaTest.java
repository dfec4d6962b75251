package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.sandbox.TestKafka.Kind;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Which clusters the test base classes start, decided without Docker or a broker. */
class TestKafkaTest {

    private final AtomicInteger dockerProbes = new AtomicInteger();

    @Test
    void withoutTheVariableTheClustersRunInProcessAndDockerIsNotAsked() {
        assertThat(TestKafka.kind(null, docker(true))).isEqualTo(Kind.IN_PROCESS);
        assertThat(TestKafka.kind("", docker(true))).isEqualTo(Kind.IN_PROCESS);
        assertThat(TestKafka.kind("in-process", docker(true))).isEqualTo(Kind.IN_PROCESS);
        assertThat(dockerProbes).hasValue(0);
    }

    @Test
    void testcontainersRunsInContainersWhereDockerAnswersAndInProcessWhereItDoesNot() {
        assertThat(TestKafka.kind("testcontainers", docker(true))).isEqualTo(Kind.CONTAINERS);
        assertThat(TestKafka.kind("testcontainers", docker(false))).isEqualTo(Kind.IN_PROCESS);
        assertThat(dockerProbes).hasValue(2);
    }

    @Test
    void anUnknownValueIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> TestKafka.kind("docker", docker(true)))
                .isInstanceOf(SandboxException.class)
                .hasMessage("CUTOVER_TEST_KAFKA=docker is not a cluster kind: use testcontainers (Docker containers), "
                        + "or in-process or nothing (clusters in the test JVM)");
    }

    @Test
    void brokerSettingsReachTheContainerAsTheApacheImageNamesThem() {
        assertThat(ClusterContainer.environment(Map.of("group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", false, "some_setting", 1, "with-dash.x", "y")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0",
                        "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false",
                        "KAFKA_SOME__SETTING", "1",
                        "KAFKA_WITH___DASH_X", "y"));
    }

    private BooleanSupplier docker(boolean answers) {
        return () -> {
            dockerProbes.incrementAndGet();
            return answers;
        };
    }
}

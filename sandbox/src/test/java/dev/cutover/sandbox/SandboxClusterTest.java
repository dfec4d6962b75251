package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class SandboxClusterTest {

    @Test
    void twoClustersStartIndependentlyAndStopCleanly() throws Exception {
        try (SandboxCluster source = SandboxCluster.start("source");
             SandboxCluster target = SandboxCluster.start("target");
             Admin sourceAdmin = source.admin();
             Admin targetAdmin = target.admin()) {
            assertThat(source.bootstrapServers()).isNotEqualTo(target.bootstrapServers());
            sourceAdmin.createTopics(List.of(new NewTopic("sfdc.cdc.account", 3, (short) 1))).all().get();

            Set<String> onSource = sourceAdmin.listTopics().names().get();
            Set<String> onTarget = targetAdmin.listTopics().names().get();
            assertThat(onSource).contains("sfdc.cdc.account");
            assertThat(onTarget).doesNotContain("sfdc.cdc.account");
            assertThat(sourceAdmin.describeCluster().clusterId().get())
                    .isNotEqualTo(targetAdmin.describeCluster().clusterId().get());
        }
    }
}

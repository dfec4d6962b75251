package dev.cutover.engine.consumers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.controls.ControlPlaceholders;
import dev.cutover.engine.controls.HttpPost;
import dev.cutover.engine.controls.ShellCommand;
import dev.cutover.plans.CommandControl;
import dev.cutover.plans.ConsumerSpec;
import dev.cutover.plans.HttpControl;
import java.util.Optional;

/**
 * Builds a group's control from its {@code consumers:} entry: {@code command} or {@code http}, with
 * {@code {group}} and {@code {target.bootstrap}} (the cluster to consume from) filled in. A group
 * the plan selects but names no control for is stopped and started by the operator.
 */
public final class GroupControls {

    private GroupControls() {
    }

    public static GroupControl of(String group, Optional<ConsumerSpec> spec, String sourceBootstrap, String targetBootstrap) {
        if (spec.isEmpty()) {
            return new GroupControl() {
                @Override
                public void stop() {
                    // the operator stops it; the gate waits until the group is empty
                }

                @Override
                public void start(ClusterSide side) {
                    // the operator starts it; the gate records that it did not
                }

                @Override
                public boolean controlled() {
                    return false;
                }
            };
        }
        String field = "consumers." + group + ".control";
        if (spec.get().control() instanceof CommandControl c) {
            return new GroupControl() {
                @Override
                public void stop() throws ControlException {
                    ControlPlaceholders values = ControlPlaceholders.forGroup(sourceBootstrap, sourceBootstrap, group);
                    ShellCommand.run(field + ".stop", values.inCommand(c.stop()), values.environment());
                }

                @Override
                public void start(ClusterSide side) throws ControlException {
                    ControlPlaceholders values = ControlPlaceholders.forGroup(sourceBootstrap,
                            side == ClusterSide.TARGET ? targetBootstrap : sourceBootstrap, group);
                    ShellCommand.run(field + ".start", values.inCommand(c.start()), values.environment());
                }
            };
        }
        if (spec.get().control() instanceof HttpControl h) {
            return new GroupControl() {
                @Override
                public void stop() throws ControlException {
                    ControlPlaceholders values = ControlPlaceholders.forGroup(sourceBootstrap, sourceBootstrap, group);
                    HttpPost.post(field + ".stop", values.inUrl(h.stop()));
                }

                @Override
                public void start(ClusterSide side) throws ControlException {
                    ControlPlaceholders values = ControlPlaceholders.forGroup(sourceBootstrap,
                            side == ClusterSide.TARGET ? targetBootstrap : sourceBootstrap, group);
                    HttpPost.post(field + ".start", values.inUrl(h.start()));
                }
            };
        }
        throw new IllegalArgumentException(field + ": " + spec.get().control() + " cannot control a consumer group");
    }
}

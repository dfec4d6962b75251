package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.controls.ControlPlaceholders;
import dev.cutover.engine.controls.ShellCommand;
import dev.cutover.plans.CommandControl;

/**
 * A producer stopped and started by shell commands (e.g. {@code ./bin/bridge stop account-cdc}).
 * Stop must print the position (see {@link StopReport}); both commands must be idempotent: a
 * stop of a stopped producer reports the same position, a start of a running one does nothing.
 */
public final class CommandProducerControl implements ProducerControl {

    private final String producer;
    private final CommandControl control;
    private final String sourceBootstrap;
    private final String targetBootstrap;

    public CommandProducerControl(String producer, CommandControl control, String sourceBootstrap, String targetBootstrap) {
        this.producer = producer;
        this.control = control;
        this.sourceBootstrap = sourceBootstrap;
        this.targetBootstrap = targetBootstrap;
    }

    @Override
    public ResumePosition stop(ClusterSide side) throws ControlException {
        String writesTo = side == ClusterSide.TARGET ? targetBootstrap : sourceBootstrap;
        ControlPlaceholders values = new ControlPlaceholders(sourceBootstrap, writesTo, producer, null);
        String field = "producers." + producer + ".control.stop";
        String out = ShellCommand.run(field, values.inCommand(control.stop()), values.environment());
        return StopReport.parse(field, out);
    }

    @Override
    public void start(ClusterSide side, ResumePosition position) throws ControlException {
        String writeTo = side == ClusterSide.TARGET ? targetBootstrap : sourceBootstrap;
        ControlPlaceholders values = new ControlPlaceholders(sourceBootstrap, writeTo, producer, position.replayId());
        ShellCommand.run("producers." + producer + ".control.start", values.inCommand(control.start()), values.environment());
    }
}

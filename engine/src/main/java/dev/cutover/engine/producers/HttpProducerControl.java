package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.controls.ControlPlaceholders;
import dev.cutover.engine.controls.HttpPost;
import dev.cutover.plans.HttpControl;

/**
 * A producer stopped and started by HTTP POSTs to the URLs in the plan. The stop response body is
 * the position (see {@link StopReport}); both calls must be idempotent, as for commands.
 */
public final class HttpProducerControl implements ProducerControl {

    private final String producer;
    private final HttpControl control;
    private final String sourceBootstrap;
    private final String targetBootstrap;

    public HttpProducerControl(String producer, HttpControl control, String sourceBootstrap, String targetBootstrap) {
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
        return StopReport.parse(field, HttpPost.post(field, values.inUrl(control.stop())));
    }

    @Override
    public void start(ClusterSide side, ResumePosition position) throws ControlException {
        String writeTo = side == ClusterSide.TARGET ? targetBootstrap : sourceBootstrap;
        ControlPlaceholders values = new ControlPlaceholders(sourceBootstrap, writeTo, producer, position.replayId());
        HttpPost.post("producers." + producer + ".control.start", values.inUrl(control.start()));
    }

    @Override
    public void prepare() {
        HttpPost.prepare();
    }
}

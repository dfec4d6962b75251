package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
/**
 * Stops and starts one Salesforce producer (a bridge service or a Kafka Connect source
 * connector) through the control the plan names. Implementations call the outside world only;
 * the switch-producers gate decides when.
 */
public interface ProducerControl {

    /**
     * Stops the producer writing to {@code side} (the source when switching, the target when putting
     * it back after it wrote there); returns the position to resume after. Stopping a stopped
     * producer reports the same position.
     */
    ResumePosition stop(ClusterSide side) throws ControlException;

    /**
     * Starts the producer writing to {@code side} (the target when switching, the source when
     * putting it back), resuming strictly after {@code position}.
     */
    void start(ClusterSide side, ResumePosition position) throws ControlException;

    /**
     * Opens what the control's calls need (an HTTP client, say) before the switch begins, so that
     * cost is not part of the producers' write pause. Reaches no producer.
     */
    default void prepare() {
    }
}

package dev.cutover.engine.producers;

import dev.cutover.engine.producers.connect.ConnectProducerControl;
import dev.cutover.plans.CommandControl;
import dev.cutover.plans.ConnectControl;
import dev.cutover.plans.HttpControl;
import dev.cutover.plans.ProducerSpec;

/** Builds the control a plan names for a producer. */
public final class ProducerControls {

    private ProducerControls() {
    }

    public static ProducerControl of(ProducerSpec producer, String sourceBootstrap, String targetBootstrap) {
        if (producer.control() instanceof CommandControl c) {
            return new CommandProducerControl(producer.name(), c, sourceBootstrap, targetBootstrap);
        }
        if (producer.control() instanceof HttpControl h) {
            return new HttpProducerControl(producer.name(), h, sourceBootstrap, targetBootstrap);
        }
        if (producer.control() instanceof ConnectControl k) {
            return connect(producer.name(), k);
        }
        throw new IllegalArgumentException("no control for " + producer.control());
    }

    private static ProducerControl connect(String producer, ConnectControl control) {
        return new ConnectProducerControl(producer, control);
    }
}

package dev.cutover.bench;

import java.util.OptionalLong;

/**
 * One round: a switch of {@code producers} producers, the gate's timing evidence, how long the
 * whole {@code step} took, and whether every replay id landed on the target once and in order.
 *
 * @param stepMs the switch step's wall time; empty when the round did not get through the switch
 * @param note   why the round is not correct, or empty
 */
record SwitchResult(int round, int producers, SwitchEvidence evidence, OptionalLong stepMs, boolean correct, String note) {

    /** A round that did not get through the switch: no figures, only the reason. */
    static SwitchResult failed(int round, int producers, String why) {
        return new SwitchResult(round, producers, SwitchEvidence.NONE, OptionalLong.empty(), false, why);
    }
}

package dev.cutover.state;

import static dev.cutover.state.GateState.FAILED;
import static dev.cutover.state.GateState.PASSED;
import static dev.cutover.state.GateState.PENDING;
import static dev.cutover.state.GateState.ROLLED_BACK;
import static dev.cutover.state.GateState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GateStateTest {

    @Test
    void the_transition_table() {
        assertThat(PENDING.validTargets()).containsExactlyInAnyOrder(RUNNING);
        assertThat(RUNNING.validTargets()).containsExactlyInAnyOrder(RUNNING, PASSED, FAILED, ROLLED_BACK);
        assertThat(PASSED.validTargets()).containsExactlyInAnyOrder(ROLLED_BACK);
        assertThat(FAILED.validTargets()).containsExactlyInAnyOrder(RUNNING, ROLLED_BACK);
        assertThat(ROLLED_BACK.validTargets()).containsExactlyInAnyOrder(PENDING);
    }

    @Test
    void a_refused_transition_names_the_valid_targets() {
        assertThatThrownBy(() -> PASSED.ensureValidTransition("mirror", RUNNING))
                .isInstanceOf(LedgerStateException.class)
                .hasMessage("gate `mirror` cannot go from passed to running; from passed it can go to: rolled-back");
        assertThatThrownBy(() -> PENDING.ensureValidTransition("topics", PASSED))
                .hasMessageEndingWith("from pending it can go to: running");
    }

    @Test
    void labels_are_lowercase_with_dashes_and_parse_back() {
        assertThat(ROLLED_BACK.label()).isEqualTo("rolled-back");
        assertThat(GateState.parse("rolled-back")).isEqualTo(ROLLED_BACK);
        assertThat(GateState.parse("RUNNING")).isEqualTo(RUNNING);
    }
}

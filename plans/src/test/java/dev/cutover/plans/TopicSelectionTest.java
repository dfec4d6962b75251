package dev.cutover.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TopicSelectionTest {

    private final TopicSelection everything = new TopicSelection(
            List.of(Pattern.compile(".*")), List.of(Pattern.compile("sfdc\\.test\\..*")), ConfigSync.SYNC, null);

    @Test
    void include_and_exclude_match_whole_names() {
        TopicSelection sfdc = new TopicSelection(List.of(Pattern.compile("sfdc\\..*")), List.of(), ConfigSync.SYNC, null);

        assertThat(sfdc.selects("sfdc.cdc.account")).isTrue();
        assertThat(sfdc.selects("old.sfdc.cdc.account")).as("no partial match").isFalse();
        assertThat(everything.selects("sfdc.test.account")).isFalse();
    }

    @Test
    void kafka_and_mirror_maker_topics_are_never_selected_even_by_dot_star() {
        assertThat(everything.selects("orders")).isTrue();
        assertThat(everything.selects("__consumer_offsets")).isFalse();
        assertThat(everything.selects("__transaction_state")).isFalse();
        assertThat(everything.selects("mm2-offset-syncs.target.internal")).isFalse();
        assertThat(everything.selects("source.checkpoints.internal")).isFalse();
        assertThat(everything.selects("heartbeats")).isFalse();
        assertThat(everything.selects("source.heartbeats")).isFalse();
    }

    @Test
    void groups_use_include_and_exclude() {
        GroupSelection groups = new GroupSelection(List.of(Pattern.compile("sfdc-.*")), List.of(Pattern.compile("sfdc-tmp")));

        assertThat(groups.selects("sfdc-warehouse-sink")).isTrue();
        assertThat(groups.selects("sfdc-tmp")).isFalse();
        assertThat(groups.selects("billing")).isFalse();
        assertThat(GroupSelection.NONE.selects("sfdc-warehouse-sink")).isFalse();
    }
}

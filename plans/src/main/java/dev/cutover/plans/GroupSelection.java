package dev.cutover.plans;

import java.util.List;
import java.util.regex.Pattern;

/** {@code groups}: consumer groups whose offsets are mirrored and moved. */
public record GroupSelection(List<Pattern> include, List<Pattern> exclude) {

    public static final GroupSelection NONE = new GroupSelection(List.of(), List.of());

    public GroupSelection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** True when the group fully matches an include pattern and no exclude pattern. */
    public boolean selects(String group) {
        return include.stream().anyMatch(p -> p.matcher(group).matches())
                && exclude.stream().noneMatch(p -> p.matcher(group).matches());
    }
}

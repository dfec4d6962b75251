package dev.cutover.plans;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects every problem of one plan file so the user fixes them in one round, not one per run.
 * Section readers report here and carry on with what they could read.
 */
final class Problems {

    private final String file;
    private final List<PlanProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void at(Node node, String field, String problem, String fix) {
        at(node.getStartMark(), field, problem, fix);
    }

    void at(Mark mark, String field, String problem, String fix) {
        // SnakeYAML counts from 0, editors and compilers from 1.
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        found.add(new PlanProblem(file, line, column, field, problem, fix));
    }

    /** For problems of the file as a whole, where no line applies. */
    void ofFile(String problem, String fix) {
        found.add(new PlanProblem(file, 0, 0, "", problem, fix));
    }

    int count() {
        return found.size();
    }

    boolean any() {
        return !found.isEmpty();
    }

    /** Sorted by position; problems at the same spot keep the order they were found in. */
    List<PlanProblem> inFileOrder() {
        return found.stream()
                .sorted(Comparator.comparingInt(PlanProblem::line).thenComparingInt(PlanProblem::column))
                .toList();
    }
}

package dev.cutover.plans;

import java.util.List;
import java.util.stream.Collectors;

/** A plan file that cannot be used, with every problem found (not only the first). */
public class InvalidPlanException extends Exception {

    private final List<PlanProblem> problems;

    public InvalidPlanException(List<PlanProblem> problems) {
        super(problems.stream().map(PlanProblem::render).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid plan needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** In file order. */
    public List<PlanProblem> problems() {
        return problems;
    }
}

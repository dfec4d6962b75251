package dev.cutover.plans;

/**
 * One thing wrong with a plan file, located precisely enough to fix without guessing.
 *
 * @param line   1-based; 0 when the problem is the file as a whole (unreadable)
 * @param column 1-based; 0 with line 0
 * @param field  dotted path such as {@code gates.in-sync.max-lag} or
 *               {@code producers[1].control.type}; empty when no field applies
 */
public record PlanProblem(String file, int line, int column, String field, String problem, String fix) {

    /**
     * {@code plan.yaml:12:5: gates.in-sync.max-lag: "-1" is not a record count (must be 0 or more)}
     * followed by an indented {@code fix:} line.
     */
    public String render() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line).append(':').append(column);
        }
        out.append(": ");
        if (!field.isEmpty()) {
            out.append(field).append(": ");
        }
        return out.append(problem).append("\n  fix: ").append(fix).toString();
    }
}

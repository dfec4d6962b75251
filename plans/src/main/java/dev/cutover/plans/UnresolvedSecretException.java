package dev.cutover.plans;

/**
 * A {@code ${env:X}} or {@code ${file:PATH}} placeholder that could not be resolved at run time.
 * Names the field and the fix; never carries a resolved value, in the message or anywhere else.
 */
public class UnresolvedSecretException extends Exception {

    private final String field;
    private final String problem;
    private final String fix;

    public UnresolvedSecretException(String field, String problem, String fix) {
        super(field + ": " + problem + "\n  fix: " + fix);
        this.field = field;
        this.problem = problem;
        this.fix = fix;
    }

    /** e.g. {@code clusters.source.properties.sasl.jaas.config} */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}

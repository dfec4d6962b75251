package dev.cutover.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run-time placeholders of cluster settings and mirror properties: {@code ${env:NAME}} and
 * {@code ${file:PATH}}.
 * The parser only checks their syntax; {@link PropertyResolver} substitutes them when a client is
 * built, so the resolved values exist in memory only.
 */
final class Placeholders {

    enum Source { ENV, FILE }

    /** One placeholder: where the value comes from and the exact text it replaces. */
    record Ref(Source source, String name, String token) {
    }

    private static final Pattern TOKEN = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Placeholders() {
    }

    static boolean contains(String value) {
        return value.contains("${");
    }

    /** True when the whole value is one well-formed placeholder and nothing else. */
    static boolean isSinglePlaceholder(String value) {
        Matcher m = TOKEN.matcher(value.trim());
        return m.matches() && problemOf(m.group(1), m.group()).isEmpty();
    }

    /**
     * What is wrong with the placeholders in the value, if anything. Messages quote only the
     * placeholder token, never the rest of the value, which may be a secret.
     */
    static Optional<String> syntaxProblem(String value) {
        Matcher m = TOKEN.matcher(value);
        int end = 0;
        while (m.find()) {
            if (value.substring(end, m.start()).contains("${")) {
                return Optional.of("a \"${\" is not closed with \"}\"");
            }
            Optional<String> problem = problemOf(m.group(1), m.group());
            if (problem.isPresent()) {
                return problem;
            }
            end = m.end();
        }
        if (value.substring(end).contains("${")) {
            return Optional.of("a \"${\" is not closed with \"}\"");
        }
        return Optional.empty();
    }

    private static Optional<String> problemOf(String inner, String token) {
        if (inner.startsWith("env:")) {
            return ENV_NAME.matcher(inner.substring(4)).matches()
                    ? Optional.empty()
                    : Optional.of("placeholder \"" + token + "\" does not name an environment variable"
                            + " (letters, digits and _, not starting with a digit)");
        }
        if (inner.startsWith("file:")) {
            return inner.substring(5).isBlank()
                    ? Optional.of("placeholder \"" + token + "\" does not name a file")
                    : Optional.empty();
        }
        return Optional.of("placeholder \"" + token + "\" is not ${env:NAME} or ${file:PATH}");
    }

    /** The placeholders of a value whose syntax has been checked, in order. */
    static List<Ref> refs(String value) {
        List<Ref> refs = new ArrayList<>();
        Matcher m = TOKEN.matcher(value);
        while (m.find()) {
            String inner = m.group(1);
            if (inner.startsWith("env:")) {
                refs.add(new Ref(Source.ENV, inner.substring(4), m.group()));
            } else if (inner.startsWith("file:")) {
                refs.add(new Ref(Source.FILE, inner.substring(5), m.group()));
            }
        }
        return refs;
    }
}

package dev.cutover.plans;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves the {@code ${env:NAME}} and {@code ${file:PATH}} placeholders of a cluster, or of
 * {@code mirror.properties}, at run time, when a client or a mirror task is about to be built. The
 * resolved values live only in the returned map: they are not written to the plan, the ledger or
 * any message.
 */
public final class PropertyResolver {

    private final Map<String, String> env;
    private final Path baseDir;

    /** Reads the process environment; relative file paths are relative to the working directory. */
    public PropertyResolver() {
        this(System.getenv(), Path.of(""));
    }

    // for testing, and for callers that resolve against another environment
    public PropertyResolver(Map<String, String> env) {
        this(env, Path.of(""));
    }

    /** @param baseDir what relative {@code ${file:PATH}} paths are resolved against */
    public PropertyResolver(Map<String, String> env, Path baseDir) {
        this.env = Map.copyOf(env);
        this.baseDir = baseDir;
    }

    /**
     * The complete client configuration of one cluster: its properties with placeholders
     * substituted, plus {@code bootstrap.servers} from {@code bootstrap} (also resolved). Ready
     * for {@code Admin.create(...)}.
     *
     * @param clusterRole {@code source} or {@code target}, used to name fields in errors
     * @throws UnresolvedSecretException for the first placeholder that cannot be resolved
     */
    public Map<String, String> resolve(ClusterSpec spec, String clusterRole) throws UnresolvedSecretException {
        String prefix = "clusters." + clusterRole + ".";
        Map<String, String> resolved = new LinkedHashMap<>();
        resolved.put("bootstrap.servers", resolveValue(spec.bootstrap(), prefix + "bootstrap"));
        resolveInto(resolved, spec.properties(), prefix + "properties.");
        return new ResolvedProperties(resolved);
    }

    /**
     * {@code mirror.properties} with placeholders substituted, for the MirrorMaker 2 tasks.
     *
     * @throws UnresolvedSecretException for the first placeholder that cannot be resolved
     */
    public Map<String, String> resolve(MirrorSettings mirror) throws UnresolvedSecretException {
        Map<String, String> resolved = new LinkedHashMap<>();
        resolveInto(resolved, mirror.properties(), "mirror.properties.");
        return new ResolvedProperties(resolved);
    }

    /**
     * {@code mirror.connect.headers} with placeholders substituted, for the Connect REST calls.
     *
     * @throws UnresolvedSecretException for the first placeholder that cannot be resolved
     */
    public Map<String, String> resolveConnectHeaders(MirrorSettings mirror) throws UnresolvedSecretException {
        Map<String, String> resolved = new LinkedHashMap<>();
        resolveInto(resolved, mirror.connectHeaders(), "mirror.connect.headers.");
        return new ResolvedProperties(resolved);
    }

    /**
     * {@code mirror.connect.tls} with placeholders substituted (the store passwords), for the Connect
     * REST calls.
     *
     * @throws UnresolvedSecretException for the first placeholder that cannot be resolved
     */
    public Map<String, String> resolveConnectTls(MirrorSettings mirror) throws UnresolvedSecretException {
        Map<String, String> resolved = new LinkedHashMap<>();
        resolveInto(resolved, mirror.connectTls(), "mirror.connect.tls.");
        return new ResolvedProperties(resolved);
    }

    private void resolveInto(Map<String, String> resolved, Map<String, String> raw, String fieldPrefix)
            throws UnresolvedSecretException {
        for (Map.Entry<String, String> property : raw.entrySet()) {
            resolved.put(property.getKey(), resolveValue(property.getValue(), fieldPrefix + property.getKey()));
        }
    }

    private String resolveValue(String raw, String field) throws UnresolvedSecretException {
        // Substitute from the end of the value backwards so each replacement leaves the positions
        // of the placeholders before it unchanged, and a resolved value is never scanned again.
        StringBuilder out = new StringBuilder(raw);
        var refs = Placeholders.refs(raw);
        int searchFrom = raw.length();
        for (int i = refs.size() - 1; i >= 0; i--) {
            Placeholders.Ref ref = refs.get(i);
            int at = raw.lastIndexOf(ref.token(), searchFrom);
            out.replace(at, at + ref.token().length(), lookUp(ref, field));
            searchFrom = at - 1;
        }
        return out.toString();
    }

    private String lookUp(Placeholders.Ref ref, String field) throws UnresolvedSecretException {
        if (ref.source() == Placeholders.Source.ENV) {
            String value = env.get(ref.name());
            if (value == null) {
                throw new UnresolvedSecretException(field, "environment variable " + ref.name() + " is not set",
                        "export " + ref.name() + " in the environment that runs cutover");
            }
            return value;
        }
        Path path = baseDir.resolve(ref.name());
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8);
            // Secret files are usually written with a trailing newline that is not part of the secret.
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new UnresolvedSecretException(field, "cannot read file " + path + " ("
                    + e.getClass().getSimpleName() + ")",
                    "make sure " + path + " exists and is readable by the user running cutover");
        }
    }
}

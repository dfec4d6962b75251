package dev.cutover.engine.mirror;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.plans.MirrorSettings;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.plans.UnresolvedSecretException;
import java.util.Map;

/**
 * {@code mirror.properties} for the MirrorMaker 2 tasks, with their {@code ${env:…}} and
 * {@code ${file:…}} placeholders resolved at run time as {@link
 * dev.cutover.engine.clusters.ClusterClients} resolves the clusters'. The resolved map lives only
 * in memory: the plan and the ledger keep the placeholders.
 */
public final class MirrorProperties {

    private MirrorProperties() {
    }

    /** An unresolvable placeholder is a usage error (exit 2). */
    public static Map<String, String> resolve(MirrorSettings mirror, PropertyResolver resolver) {
        try {
            return resolver.resolve(mirror);
        } catch (UnresolvedSecretException e) {
            throw new CutoverException(ExitCode.USAGE, e.getMessage(), null,
                    "set the variable or create the file, then run the command again");
        }
    }
}

package dev.cutover.plans;

import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Points a plan at other clusters by rewriting the two bootstrap values in its text, leaving every
 * other byte (comments included) as it was. Rehearsals use it: the rewritten text is what gets
 * fingerprinted and stored, so {@link Plan#text()} keeps telling the truth about the run.
 */
public final class BootstrapRewriter {

    private BootstrapRewriter() {
    }

    /** @throws InvalidPlanException when the new addresses are not host:port[,host:port] */
    public static Plan withBootstraps(Plan plan, String sourceBootstrap, String targetBootstrap)
            throws InvalidPlanException {
        String text = plan.text();
        MappingNode root = (MappingNode) new Yaml(new LoaderOptions()).compose(new StringReader(text));
        MappingNode clusters = (MappingNode) child(root, "clusters");
        ScalarNode source = (ScalarNode) child((MappingNode) child(clusters, "source"), "bootstrap");
        ScalarNode target = (ScalarNode) child((MappingNode) child(clusters, "target"), "bootstrap");
        // Replace the later value first so the earlier one's position is still right.
        boolean sourceFirst = source.getStartMark().getIndex() < target.getStartMark().getIndex();
        String rewritten = sourceFirst
                ? replace(replace(text, target, targetBootstrap), source, sourceBootstrap)
                : replace(replace(text, source, sourceBootstrap), target, targetBootstrap);
        return PlanParser.parse(rewritten, plan.sourceFile());
    }

    private static Node child(MappingNode map, String key) {
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        throw new IllegalArgumentException("a parsed plan always has " + key);
    }

    private static String replace(String text, ScalarNode value, String replacement) {
        // Marks count code points; String offsets count UTF-16 units.
        int start = text.offsetByCodePoints(0, value.getStartMark().getIndex());
        int end = text.offsetByCodePoints(0, value.getEndMark().getIndex());
        // Quoted, so a value Kafka accepts but YAML would misread still comes through intact.
        return text.substring(0, start) + "\"" + replacement.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                + text.substring(end);
    }
}

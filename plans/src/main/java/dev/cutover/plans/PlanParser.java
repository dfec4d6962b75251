package dev.cutover.plans;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a plan file into a {@link Plan}, or fails with every problem found, each with file,
 * line, column, field and a fix.
 *
 * <p>SnakeYAML's {@code compose()} is used rather than data binding: the node tree keeps the
 * position of every key and value, which a bound object has already thrown away.
 */
public final class PlanParser {

    private static final List<String> TOP_LEVEL_KEYS = List.of(
            "version", "name", "clusters", "topics", "groups", "mirror", "producers", "consumers", "gates", "rollback");

    // The name shows up in connector names, file names and the ledger, so keep it plain.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private PlanParser() {
    }

    public static Plan parse(Path file) throws InvalidPlanException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "no such file", "check the path; the sandbox example is examples/sandbox.yaml");
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "is not UTF-8 text", "save the plan as UTF-8");
        } catch (IOException e) {
            throw fileProblem(file, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    "check that the file exists and is readable");
        }
        return parse(text, file.toString());
    }

    /**
     * @param fileName how messages name the file; stored as {@link Plan#sourceFile()}
     */
    public static Plan parse(String text, String fileName) throws InvalidPlanException {
        Problems problems = new Problems(fileName);
        Node root = compose(text, problems);
        if (root == null && !problems.any()) {
            problems.at((Mark) null, "", "the file is empty",
                    "start from examples/sandbox.yaml: a plan needs at least version, name, clusters and topics");
        } else if (root != null && !(root instanceof MappingNode)) {
            problems.at(root, "", "a plan is a mapping of keys, found " + YamlMap.kind(root),
                    "start the file with version: 1 and name: ..., one key per line");
        }
        Plan plan = problems.any() ? null : read(YamlMap.root((MappingNode) root, problems), text, fileName, problems);
        if (problems.any()) {
            throw new InvalidPlanException(problems.inFileOrder());
        }
        return plan;
    }

    private static Node compose(String text, Problems problems) {
        try {
            return new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            String where = "";
            if (e.getContext() != null && e.getContextMark() != null && mark != null
                    && e.getContextMark().getLine() != mark.getLine()) {
                // "expected ',' or '}'" is found a line late; say where the unclosed part began.
                where = " (" + e.getContext().trim() + " that starts at line " + (e.getContextMark().getLine() + 1) + ")";
            }
            problems.at(mark, "", "YAML syntax: " + problem.trim() + where, syntaxFix(problem));
        } catch (YAMLException e) {
            problems.at((Mark) null, "", "YAML syntax: " + e.getMessage(), syntaxFix(""));
        }
        return null;
    }

    private static String syntaxFix(String problem) {
        if (problem.contains("\\t")) {
            return "indent with spaces; YAML does not allow tabs";
        }
        return "check the indentation and quoting here; quote values that contain \": \" or \" #\","
                + " that start with [, {, *, & or @, or that contain , [ ] { } inside a {...} or [...]";
    }

    private static Plan read(YamlMap root, String text, String fileName, Problems problems) {
        root.allowOnly(TOP_LEVEL_KEYS);
        if (!readVersion(root, problems)) {
            // Another version means another format: the rest would only produce noise.
            return null;
        }
        String name = root.requiredString("name", "name: sfdc-cdc-to-new-cluster");
        if (name != null && !NAME.matcher(name).matches()) {
            problems.at(root.value("name"), "name", "\"" + name + "\" has characters other than letters, digits, . _ -",
                    "use a plain name, e.g. name: sfdc-cdc-to-new-cluster");
        }
        ClusterSpec source = null;
        ClusterSpec target = null;
        YamlMap clusters = root.requiredMap("clusters",
                "clusters: {source: {bootstrap: old-kafka:9092}, target: {bootstrap: new-kafka:9092}}");
        if (clusters != null) {
            clusters.allowOnly(List.of("source", "target"));
            source = ClusterReader.read(clusters, "source", problems);
            target = ClusterReader.read(clusters, "target", problems);
        }
        TopicSelection topics = SelectionReader.topics(root, problems);
        GroupSelection groups = SelectionReader.groups(root, problems);
        MirrorSettings mirror = MirrorReader.read(root, problems);
        List<ProducerSpec> producers = ProducerReader.read(root, topics, problems);
        List<ConsumerSpec> consumers = ConsumerReader.read(root, groups, problems);
        GateSettings gates = GatesReader.read(root, problems);
        RollbackSettings rollback = RollbackReader.read(root, groups, producers, problems);
        if (problems.any()) {
            return null;
        }
        return new Plan(Plan.SUPPORTED_VERSION, name, source, target, topics, groups, mirror, producers, consumers,
                gates, rollback, fileName, text);
    }

    /** False when the version is present but not one this build reads. */
    private static boolean readVersion(YamlMap root, Problems problems) {
        if (!root.has("version")) {
            root.missing("version", "version: 1");
            return true;
        }
        ScalarNode version = root.scalar("version", "version: 1");
        if (version == null) {
            return true;
        }
        if (!version.getValue().trim().equals(String.valueOf(Plan.SUPPORTED_VERSION))) {
            problems.at(version, "version", "version \"" + version.getValue() + "\" is not supported (this cutover reads version "
                    + Plan.SUPPORTED_VERSION + ")", "set version: 1, or use the cutover release that wrote this plan");
            return false;
        }
        return true;
    }

    private static InvalidPlanException fileProblem(Path file, String problem, String fix) {
        Problems problems = new Problems(file.toString());
        problems.ofFile(problem, fix);
        return new InvalidPlanException(problems.inFileOrder());
    }
}

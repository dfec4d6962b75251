package dev.cutover.engine.connect;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.engine.mirror.MirrorJob;
import dev.cutover.engine.mirror.MirrorOwnTopics;
import dev.cutover.engine.mirror.MirrorProperties;
import dev.cutover.plans.ClusterSpec;
import dev.cutover.plans.Plan;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.plans.UnresolvedSecretException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code mirror.engine: connect} for one run: a client of the plan's Connect cluster (its headers
 * resolved) and the connectors cutover deploys there, their configs resolved too. For display,
 * {@link #shown} builds the same connectors from the plan's own text, so a secret appears only as the
 * placeholder the plan writes ({@code ${env:SOURCE_JAAS}}), never resolved.
 */
public record MirrorOnConnect(ConnectRestClient client, MirrorConnectors connectors) {

    /** How long a call may keep answering 409 (a rebalance) before it fails. */
    private static final Duration REBALANCE_DEADLINE = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param topics the selected topics, exact names
     * @param groups the selected consumer groups, exact ids
     */
    public static MirrorOnConnect of(Plan plan, List<String> topics, List<String> groups, ClusterClients source,
                                     ClusterClients target, PropertyResolver resolver) {
        ConnectRestClient client = client(plan, resolver, REBALANCE_DEADLINE);
        MirrorJob job = job(plan, topics, groups, source.properties(), target.properties(),
                MirrorProperties.resolve(plan.mirror(), resolver));
        return new MirrorOnConnect(client, MirrorConnectors.forward(plan.name(), job));
    }

    /**
     * A client of the plan's Connect cluster, its headers resolved.
     *
     * @param rebalanceDeadline how long a call may keep answering 409 (a rebalance) before it fails
     */
    public static ConnectRestClient client(Plan plan, PropertyResolver resolver, Duration rebalanceDeadline) {
        Map<String, String> headers;
        try {
            headers = resolver.resolveConnectHeaders(plan.mirror());
        } catch (UnresolvedSecretException e) {
            throw new CutoverException(ExitCode.USAGE, e.getMessage(), null,
                    "set the variable or create the file, then run the command again");
        }
        return new ConnectRestClient("mirror.connect.url", plan.mirror().connectUrl(),
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(), rebalanceDeadline, headers);
    }

    /** The connectors as the plan writes them, placeholders unresolved: for `cutover plan`. */
    public static MirrorConnectors shown(Plan plan, List<String> topics, List<String> groups) {
        MirrorJob job = job(plan, topics, groups, raw(plan.source()), raw(plan.target()), plan.mirror().properties());
        return MirrorConnectors.forward(plan.name(), job);
    }

    private static MirrorJob job(Plan plan, List<String> topics, List<String> groups, Map<String, Object> source,
                                 Map<String, Object> target, Map<String, String> extra) {
        return new MirrorJob(MirrorOwnTopics.SOURCE, MirrorOwnTopics.TARGET, source, target, topics,
                groups.stream().map(Pattern::quote).toList(), plan.mirror().tasks(), extra);
    }

    private static Map<String, Object> raw(ClusterSpec spec) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", spec.bootstrap());
        props.putAll(spec.properties());
        return props;
    }
}

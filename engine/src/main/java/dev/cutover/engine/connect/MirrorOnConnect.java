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
import dev.cutover.plans.compile.CompiledPlan;
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
public record MirrorOnConnect(ConnectRestClient client, MirrorConnectors connectors, String reverseName,
                              Map<String, String> reverse) {

    /** How long a call may keep answering 409 (a rebalance) before it fails. */
    private static final Duration REBALANCE_DEADLINE = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** For a run: the compiled plan's selected topics and groups, both clusters' properties resolved. */
    public static MirrorOnConnect of(CompiledPlan compiled, ClusterClients source, ClusterClients target,
                                     PropertyResolver resolver) {
        Plan plan = compiled.plan();
        Map<String, String> extra = MirrorProperties.resolve(plan.mirror(), resolver);
        MirrorJob job = job(compiled, source.properties(), target.properties(), extra);
        return new MirrorOnConnect(client(plan, resolver, REBALANCE_DEADLINE), MirrorConnectors.forward(plan.name(), job),
                MirrorConnectors.reverseName(plan.name()),
                MirrorConnectors.reverseConfig(plan.name(), reverseJob(plan, source.properties(), target.properties(), extra)));
    }

    /**
     * A client of the plan's Connect cluster, its headers resolved.
     *
     * @param rebalanceDeadline how long a call may keep answering 409 (a rebalance) before it fails
     */
    public static ConnectRestClient client(Plan plan, PropertyResolver resolver, Duration rebalanceDeadline) {
        Map<String, String> headers;
        Map<String, String> tls;
        try {
            headers = resolver.resolveConnectHeaders(plan.mirror());
            tls = resolver.resolveConnectTls(plan.mirror());
        } catch (UnresolvedSecretException e) {
            throw new CutoverException(ExitCode.USAGE, e.getMessage(), null,
                    "set the variable or create the file, then run the command again");
        }
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        ConnectTls.context(tls).ifPresent(http::sslContext);
        return new ConnectRestClient("mirror.connect.url", plan.mirror().connectUrl(), http.build(), rebalanceDeadline, headers);
    }

    /** The connectors as the plan writes them, placeholders unresolved: for `cutover plan`. */
    public static MirrorConnectors shown(CompiledPlan compiled) {
        Plan plan = compiled.plan();
        MirrorJob job = job(compiled, raw(plan.source()), raw(plan.target()), plan.mirror().properties());
        return MirrorConnectors.forward(plan.name(), job);
    }

    private static MirrorJob job(CompiledPlan compiled, Map<String, Object> source, Map<String, Object> target,
                                 Map<String, String> extra) {
        return new MirrorJob(MirrorOwnTopics.SOURCE, MirrorOwnTopics.TARGET, source, target, compiled.selectedTopics(),
                compiled.selectedGroupIds().stream().map(Pattern::quote).toList(), compiled.plan().mirror().tasks(), extra);
    }

    /**
     * The reverse copy (target to source): only the producers' topics, the ones written on the target
     * after the switch; no checkpoints. Its offset syncs (on the source) are the hints a rollback's
     * translation of group offsets walks from.
     */
    private static MirrorJob reverseJob(Plan plan, Map<String, Object> source, Map<String, Object> target, Map<String, String> extra) {
        List<String> topics = plan.producers().stream().flatMap(p -> p.topics().stream()).distinct().sorted().toList();
        return new MirrorJob(MirrorOwnTopics.TARGET, MirrorOwnTopics.SOURCE, target, source, topics, List.of(),
                plan.mirror().tasks(), extra);
    }

    private static Map<String, Object> raw(ClusterSpec spec) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", spec.bootstrap());
        props.putAll(spec.properties());
        return props;
    }
}

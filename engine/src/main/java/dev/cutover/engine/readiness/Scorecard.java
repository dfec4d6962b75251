package dev.cutover.engine.readiness;

import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.plans.ClusterSpec;
import dev.cutover.plans.GateName;
import dev.cutover.plans.Plan;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.PositionRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The readiness scorecard of a plan: one row per category, each rated on the evidence cutover
 * gathered itself. The rule for every row: green only when a rehearsal on this plan (the same
 * fingerprint) proved it; yellow when it is configured (or measured) but not proved on this plan;
 * red when there is no proof at all, or a rehearsal on this plan disproved it.
 */
public final class Scorecard {

    /** Salesforce keeps Change Data Capture and high-volume platform events replayable for 72 hours. */
    static final Duration REPLAY_WINDOW = Duration.ofHours(72);

    private final Plan plan;
    private final String fingerprint;
    private final Ledger rehearsal;
    private final RehearsalResult result;
    private final Clock clock;

    /**
     * @param plan        the plan rated, as stored
     * @param fingerprint its fingerprint
     * @param rehearsal   the ledger a rehearsal ran in (may be the plan's own), or null
     */
    public Scorecard(Plan plan, String fingerprint, Ledger rehearsal, Clock clock) {
        this.plan = plan;
        this.fingerprint = fingerprint;
        this.rehearsal = rehearsal;
        this.result = rehearsal == null ? null : RehearsalResult.read(rehearsal).orElse(null);
        this.clock = clock;
    }

    public List<ScorecardRow> rows() {
        return List.of(compatibility(), replay(), cost(), scaling(), security(), rollback(), observability());
    }

    /** Whether a rehearsal of this very plan is on record. */
    public boolean rehearsed() {
        return result != null && result.fingerprint().equals(fingerprint);
    }

    /** A line on the rehearsal the rows rest on. */
    public String basis() {
        if (result == null) {
            return "no rehearsal on record" + (rehearsal == null ? "" : " in " + rehearsal.file());
        }
        return result.kind() + " rehearsal of plan " + result.planName() + " (fingerprint " + shortPrint(result.fingerprint())
                + (rehearsed() ? ", this plan" : ", NOT this plan's " + shortPrint(fingerprint)) + ") ended " + result.endedAt()
                + ", " + (result.passed() ? "every check held" : "NOT every check held") + "; " + rehearsal.file();
    }

    private ScorecardRow compatibility() {
        String where = where("gates preflight, switch-producers, move-consumers");
        if (!rehearsed()) {
            return notProved("Compatibility", plan.producers().size() + " producer(s) and the plan's groups configured", where);
        }
        boolean preflight = state(GateName.PREFLIGHT) == GateState.PASSED;
        boolean switched = wentThrough(GateName.SWITCH_PRODUCERS);
        boolean moved = wentThrough(GateName.MOVE_CONSUMERS);
        String evidence = String.format("%s; %s; %s; %s", preflight ? "preflight passed" : "preflight did NOT pass",
                switched ? plan.producers().size() + " producer(s) started on the target and seen writing there"
                        : "producers NOT seen writing on the target",
                moved ? "groups moved and consuming there" : "groups NOT moved", clusters());
        return new ScorecardRow("Compatibility", preflight && switched && moved ? Rating.GREEN : Rating.RED, evidence, where);
    }

    private ScorecardRow replay() {
        String where = where("positions; gate switch-producers");
        if (!rehearsed()) {
            return notProved("Replay", plan.producers().stream().filter(p -> p.replayHeader() != null).count()
                    + " producer(s) with a replay-header configured", where);
        }
        List<PositionRow> positions = rehearsal.positions();
        List<String> missing = new ArrayList<>();
        for (ProducerSpec p : plan.producers()) {
            boolean complete = positions.stream().anyMatch(r -> r.kind().equals(PositionRow.PRODUCER) && r.owner().equals(p.name()))
                    && positions.stream().filter(r -> r.kind().equals(PositionRow.PRODUCER) && r.owner().equals(p.name()))
                            .allMatch(r -> r.replayIdSource() != null && r.sourceOffset() != null && r.targetOffset() != null);
            if (!complete) {
                missing.add("producer " + p.name());
            }
        }
        Set<String> groups = positions.stream().filter(r -> r.kind().equals(PositionRow.GROUP)).map(PositionRow::owner)
                .collect(Collectors.toSet());
        positions.stream().filter(r -> r.kind().equals(PositionRow.GROUP) && r.targetCommit() == null)
                .map(r -> "group " + r.owner()).distinct().forEach(missing::add);
        GateRecord switched = rehearsal.gate(GateName.SWITCH_PRODUCERS.label());
        String headroom = "headroom unknown (the switch has no start time)";
        boolean inWindow = false;
        if (switched.startedAt() != null) {
            Duration left = REPLAY_WINDOW.minus(Duration.between(switched.startedAt(), clock.instant()));
            inWindow = !left.isNegative();
            headroom = inWindow ? String.format("headroom %d h %02d min before Salesforce's 72 h replay window closes on the "
                    + "positions stored at the switch", left.toHours(), left.toMinutesPart())
                    : "the positions stored at the switch are past Salesforce's 72 h replay window";
        }
        long watched = plan.rollback().triggers().stream().filter(t -> t.when() == TriggerKind.RETENTION_HEADROOM).count();
        String evidence = (missing.isEmpty() ? "position map complete: " + plan.producers().size() + " producer(s) with replay id, "
                + "source and target offset; " + groups.size() + " group(s) with source and target commits"
                : "position map incomplete: " + missing) + "; " + headroom + "; "
                + (watched == 0 ? "no retention-headroom trigger watches it" : watched + " retention-headroom trigger(s) watch it");
        return new ScorecardRow("Replay", missing.isEmpty() && inWindow ? Rating.GREEN : Rating.RED, evidence, where);
    }

    private ScorecardRow cost() {
        String where = where("mirror progress; gate mirror");
        if (rehearsal == null || state(GateName.MIRROR) == GateState.PENDING) {
            return new ScorecardRow("Cost", Rating.RED, "nothing mirrored on record to price", where);
        }
        long forward = rehearsal.mirrorProgress(dev.cutover.state.MirrorDirection.FORWARD).values().stream()
                .mapToLong(dev.cutover.state.MirrorProgress::nextSourceOffset).sum();
        long reverse = rehearsal.mirrorProgress(dev.cutover.state.MirrorDirection.REVERSE).values().stream()
                .mapToLong(p -> p.nextSourceOffset()).sum();
        GateRecord mirror = rehearsal.gate(GateName.MIRROR.label());
        String ran = mirror.startedAt() == null ? "" : String.format("; the mirror started %s", mirror.startedAt());
        // Offsets, not records: they count transaction markers and whatever the topics held before the copy.
        return new ScorecardRow("Cost", Rating.YELLOW, String.format("not priced (the plan gives no unit prices); the copies reached "
                + "%,d source offsets forward and %,d target offsets back, over all partitions%s", forward, reverse, ran), where);
    }

    private ScorecardRow scaling() {
        String where = where("gates in-sync, switch-producers; observe readings");
        if (!rehearsed()) {
            return notProved("Scaling", "in-sync allows a lag of " + plan.gates().inSync().maxLag() + " records", where);
        }
        GateRecord inSync = rehearsal.gate(GateName.IN_SYNC.label());
        if (inSync.state() != GateState.PASSED) {
            return new ScorecardRow("Scaling", Rating.RED, "in-sync did not pass in the rehearsal: " + inSync.detail(), where);
        }
        Map<String, Object> e = inSync.evidence();
        SwitchRecord.Timings timings = SwitchRecord.read(rehearsal).timings();
        String evidence = String.format("in-sync passed with %s records still to copy in all (max-lag %s per partition) after %s ms "
                        + "of waiting; switch drain and turn-around %s ms, write pause per producer %s ms", e.get("totalLag"),
                e.get("maxLag"), e.get("waitedMs"),
                timings.switchMs().map(String::valueOf).orElse("-"),
                SwitchRecord.read(rehearsal).producers().stream().map(p -> p.producer() + " " + p.writePauseMs())
                        .collect(Collectors.joining(", ")));
        return new ScorecardRow("Scaling", Rating.GREEN, evidence, where);
    }

    private ScorecardRow security() {
        String where = where("plan clusters.*.properties; gate preflight");
        String source = protocol(plan.source());
        String target = protocol(plan.target());
        boolean tls = isTls(source) && isTls(target);
        String acl = "permissions not checked by a rehearsal";
        boolean granted = false;
        if (rehearsed()) {
            Map<String, Object> e = rehearsal.gate(GateName.PREFLIGHT.label()).evidence();
            granted = state(GateName.PREFLIGHT) == GateState.PASSED;
            acl = "preflight: source " + permissions(e.get("source")) + ", target " + permissions(e.get("target"));
        }
        String evidence = String.format("source %s, target %s; secrets only by reference (the plan validator refuses literal "
                + "ones); %s; no dead-letter topics selected (the plan has no field for them yet)", source, target, acl);
        Rating rating = !tls ? Rating.RED : granted ? Rating.GREEN : Rating.YELLOW;
        return new ScorecardRow("Security", rating, evidence, where);
    }

    private ScorecardRow rollback() {
        String where = where("rollback check; gates rolled back");
        if (!rehearsed()) {
            return plan.rollback().triggers().isEmpty() && !plan.rollback().automatic()
                    ? new ScorecardRow("Rollback", Rating.RED, "never rehearsed, and no trigger or automatic rollback configured", where)
                    : notProved("Rollback", plan.rollback().triggers().size() + " trigger(s), automatic "
                            + plan.rollback().automatic(), where);
        }
        List<String> rolledBack = rehearsal.gates().stream().filter(g -> g.state() == GateState.ROLLED_BACK).map(GateRecord::name).toList();
        long tookMs = rehearsal.gates().stream().map(g -> g.evidence().get("rollback")).filter(r -> r instanceof Map<?, ?>)
                .map(r -> ((Map<?, ?>) r).get("tookMs")).filter(t -> t instanceof Number).mapToLong(t -> ((Number) t).longValue())
                .max().orElse(-1);
        boolean held = result.passed() && !rolledBack.isEmpty();
        String evidence = (rolledBack.isEmpty() ? "no gate was rolled back" : "rolled back " + rolledBack
                + (tookMs >= 0 ? ", the slowest undo " + tookMs + " ms" : "")) + "; "
                + (result.passed() ? "every check held afterwards" : "NOT every check held afterwards: " + failed());
        return new ScorecardRow("Rollback", held ? Rating.GREEN : Rating.RED, evidence, where);
    }

    private ScorecardRow observability() {
        String where = where("plan rollback.triggers; gate observe");
        Set<TriggerKind> kinds = plan.rollback().triggers().stream().map(TriggerSpec::when)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TriggerKind.class)));
        List<String> absent = new ArrayList<>();
        if (!kinds.contains(TriggerKind.CONSUMER_LAG)) {
            absent.add("consumer lag");
        }
        if (!kinds.contains(TriggerKind.EVENT_AGE)) {
            absent.add("event age");
        }
        if (!kinds.contains(TriggerKind.TOPIC_GROWTH)) {
            absent.add("dead-letter growth (topic-growth)");
        }
        if (kinds.isEmpty()) {
            return new ScorecardRow("Observability", Rating.RED, "no rollback trigger configured", where);
        }
        Object evaluations = rehearsed() ? rehearsal.gate(GateName.OBSERVE.label()).evidence().get("evaluations") : null;
        boolean evaluated = evaluations instanceof Number n && n.longValue() > 0;
        String evidence = "triggers: " + plan.rollback().triggers().stream().map(t -> t.name() + " (" + t.when().label() + ")")
                .collect(Collectors.joining(", ")) + (absent.isEmpty() ? "" : "; none for " + String.join(", ", absent))
                + (evaluated ? "; evaluated " + evaluations + " time(s) during the rehearsal's observe" : "; never evaluated on this plan");
        return new ScorecardRow("Observability", absent.isEmpty() && evaluated ? Rating.GREEN : Rating.YELLOW, evidence, where);
    }

    private ScorecardRow notProved(String category, String configured, String where) {
        String why = result == null ? "never exercised: no rehearsal on record"
                : "rehearsed on another plan (" + result.planName() + ", fingerprint " + shortPrint(result.fingerprint()) + ")";
        return new ScorecardRow(category, Rating.YELLOW, configured + "; " + why, where);
    }

    private String where(String what) {
        return (rehearsal == null ? "plan" : rehearsal.file().getFileName() + ": " + what);
    }

    private GateState state(GateName gate) {
        return rehearsal.gate(gate.label()).state();
    }

    /** Passed, then undone by the rollback: the gate did its work. */
    private boolean wentThrough(GateName gate) {
        GateState s = state(gate);
        return s == GateState.PASSED || s == GateState.ROLLED_BACK;
    }

    private String clusters() {
        Map<String, Object> e = rehearsal.gate(GateName.PREFLIGHT.label()).evidence();
        return "source " + brokers(e.get("source")) + ", target " + brokers(e.get("target"));
    }

    private static String brokers(Object cluster) {
        if (cluster instanceof Map<?, ?> m) {
            return m.get("brokers") + " broker(s), cluster " + m.get("clusterId");
        }
        return "not described";
    }

    private static String permissions(Object cluster) {
        return cluster instanceof Map<?, ?> m && m.get("permissions") != null ? String.valueOf(m.get("permissions")) : "not read";
    }

    private String failed() {
        return result.checks().entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).collect(Collectors.joining("; "));
    }

    private static String protocol(ClusterSpec cluster) {
        return cluster.properties().getOrDefault("security.protocol", "PLAINTEXT");
    }

    private static boolean isTls(String protocol) {
        return protocol.equalsIgnoreCase("SSL") || protocol.equalsIgnoreCase("SASL_SSL");
    }

    private static String shortPrint(String fingerprint) {
        return fingerprint == null ? "?" : fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    /** When the scorecard was taken, for the report's header. */
    public Instant takenAt() {
        return clock.instant();
    }
}

package dev.cutover.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The ledger: one SQLite file holding the plan, gate runs, evidence, positions, the audit trail and the
 * mirror agent's record. Every write is one BEGIN IMMEDIATE transaction (the driver's transaction mode),
 * so a concurrent writer (the mirror agent process) waits for the busy timeout instead of failing.
 * Safe to use from several threads. It stores only what callers hand it.
 */
public final class Ledger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);

    private final Path file;
    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration heartbeatEvery;
    private final ProcessIdentity self = ProcessIdentity.current();
    private final PlanDao plans = new PlanDao();
    private final EvidenceJson evidenceJson = new EvidenceJson();
    private final GateDao gates = new GateDao(evidenceJson);
    private final PositionDao positions = new PositionDao();
    private final AuditDao audit = new AuditDao();
    private final ReadingDao readings = new ReadingDao();
    private final AgentDao agents = new AgentDao();
    private final MirrorProgressDao progress = new MirrorProgressDao(MirrorDirection.FORWARD);
    private final OffsetAnchorDao anchors = new OffsetAnchorDao(MirrorDirection.FORWARD);
    private final MirrorProgressDao reverseProgress = new MirrorProgressDao(MirrorDirection.REVERSE);
    private final OffsetAnchorDao reverseAnchors = new OffsetAnchorDao(MirrorDirection.REVERSE);
    private final LockDao locks = new LockDao();
    private final Set<LedgerLock> heldLocks = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Ledger(Path file, Jdbi jdbi, Clock clock, Duration heartbeatEvery) {
        this.file = file;
        this.jdbi = jdbi;
        this.clock = clock;
        this.heartbeatEvery = heartbeatEvery;
    }

    /**
     * Opens the ledger at {@code file}, creating it (and its directory) and migrating it as needed.
     *
     * @throws LedgerUnusableException when the file is not a ledger, is a newer cutover's, or the
     *                                 path cannot be written; the file is then left as it was
     */
    public static Ledger open(Path file) {
        return open(file, Clock.systemUTC(), HEARTBEAT_EVERY);
    }

    /**
     * Refuses, as {@link #open} would, a path that cannot be a ledger, without creating or changing
     * anything: for commands that do slow work (reading clusters) before they open the ledger.
     *
     * @throws LedgerUnusableException as {@link #open} does
     */
    public static void check(Path file) {
        LedgerFile.check(file);
    }

    // for testing: a fixed clock and a faster heartbeat
    static Ledger open(Path file, Clock clock, Duration heartbeatEvery) {
        LedgerFile.check(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw LedgerFile.cannotCreateDirectory(file, e);
        }
        Jdbi jdbi = Jdbi.create(dataSource(file));
        try {
            Migrations.migrate(jdbi, file, clock);
        } catch (JdbiException e) {
            throw LedgerFile.openFailure(file, e);
        }
        return new Ledger(file, jdbi, clock, heartbeatEvery);
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);        // readers never block the writer, and vice versa
        config.setBusyTimeout(10_000);                              // the mirror agent writes concurrently: wait, don't fail
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // durable at checkpoints; WAL keeps the file consistent
        // BEGIN IMMEDIATE: take the write lock up front, so a read-then-write transaction cannot hit SQLITE_BUSY mid-way.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    public Path file() {
        return file;
    }

    // ---- lock ----

    /**
     * Makes this process the one acting on the ledger, taking over from a holder that died (audited).
     * @param command what is running, e.g. "step" or "cutover step"; shown to whoever is refused
     * @throws LedgerLockedException when a live process holds it
     */
    public LedgerLock acquireLock(String command) {
        Instant now = clock.instant();
        LockDao.LockRow mine = new LockDao.LockRow(UUID.randomUUID().toString(), self.pid(), self.host(),
                self.processStart(), command, now, now);
        write("take the lock", h -> {
            Optional<LockDao.LockRow> current = locks.find(h);
            if (current.isPresent()) {
                LockDao.LockRow holder = current.get();
                String dead = HolderLiveness.deadBecause(holder, self.host(), now)
                        .orElseThrow(() -> new LedgerLockedException(file, holder.holder()));
                audit.append(h, now, self.actor(), "lock.take-over", "taken",
                        "`" + command + "` took the ledger over from `" + holder.command() + "` (pid " + holder.pid()
                                + " on " + holder.host() + " since " + holder.since() + "): " + dead);
            }
            locks.take(h, mine);
            return null;
        });
        LedgerLock lock = new LedgerLock(jdbi, locks, clock, mine, heartbeatEvery, heldLocks::remove);
        heldLocks.add(lock);
        return lock;
    }

    /** Who holds the ledger now, if anyone (it may be a dead holder not yet taken over). */
    public Optional<LockHolder> lockHolder() {
        return read("read the lock", h -> locks.find(h).map(LockDao.LockRow::holder));
    }

    // ---- plan ----

    /**
     * Stores {@code plan} with its gates (in order) as the current plan. The same fingerprint and gates
     * again keep the gate rows as they are. A different plan is refused while the cutover is in progress
     * (a gate running, or some but not all gates passed).
     */
    public void storePlan(StoredPlan plan, List<String> gateNames) {
        storePlan(plan, gateNames, List.of());
    }

    /**
     * As {@link #storePlan(StoredPlan, List)}, also keeping the facts the fingerprint was computed
     * from (in the same transaction), so a later staleness check can name what changed.
     */
    public void storePlan(StoredPlan plan, List<String> gateNames, List<String> facts) {
        if (new HashSet<>(gateNames).size() != gateNames.size()) {
            throw new IllegalArgumentException("gate names repeat: " + gateNames);
        }
        Instant now = clock.instant();
        StoredPlan stamped = plan.storedAt() != null ? plan
                : new StoredPlan(plan.name(), plan.fingerprint(), plan.sourceFile(), plan.text(), now);
        write("store plan " + plan.name(), h -> {
            Optional<PlanDao.PlanRow> current = plans.current(h);
            if (current.isPresent()) {
                List<GateRecord> currentGates = gates.list(h, current.get().id());
                // After a finished rollback the plan (corrected or not) starts a new attempt with fresh gates.
                boolean rolledBack = currentGates.stream().anyMatch(g -> g.state() == GateState.ROLLED_BACK);
                if (!rolledBack && current.get().plan().fingerprint().equals(plan.fingerprint())
                        && names(currentGates).equals(gateNames)) {
                    plans.refresh(h, current.get().id(), stamped);
                    plans.storeFacts(h, current.get().id(), facts);
                    audit.append(h, now, self.actor(), "plan.store", "unchanged", describe(stamped, gateNames));
                    return null;
                }
                if (!rolledBack) {
                    ensureReplaceable(current.get().plan(), currentGates, stamped);
                }
            }
            long planId = plans.insert(h, stamped);
            plans.storeFacts(h, planId, facts);
            for (int i = 0; i < gateNames.size(); i++) {
                gates.insertPending(h, planId, i + 1, gateNames.get(i), now);
            }
            audit.append(h, now, self.actor(), "plan.store", "stored", describe(stamped, gateNames));
            return null;
        });
    }

    /** The facts the current plan's fingerprint was computed from; empty if none were stored. */
    public List<String> planFacts() {
        return read("read the plan's facts", plans::currentFacts);
    }

    public Optional<StoredPlan> plan() {
        return read("read the plan", h -> plans.current(h).map(PlanDao.PlanRow::plan));
    }

    private static void ensureReplaceable(StoredPlan current, List<GateRecord> currentGates, StoredPlan next) {
        List<String> running = namesIn(currentGates, GateState.RUNNING);
        List<String> passed = namesIn(currentGates, GateState.PASSED);
        boolean done = !currentGates.isEmpty() && passed.size() == currentGates.size();
        if (done || (running.isEmpty() && passed.isEmpty())) {
            return;
        }
        throw new LedgerStateException("cannot replace plan `" + current.name() + "` (fingerprint " + shortPrint(current)
                + ") with `" + next.name() + "` (fingerprint " + shortPrint(next) + "): its cutover is in progress (passed: "
                + orNone(passed) + "; running: " + orNone(running) + "); finish it with `cutover run` or undo it with "
                + "`cutover rollback` first");
    }

    // ---- gates ----

    /** The gates of the current plan, in plan order; empty when no plan is stored. */
    public List<GateRecord> gates() {
        return read("read the gates", h -> plans.current(h).map(p -> gates.list(h, p.id())).orElse(List.of()));
    }

    /** @throws LedgerStateException when no plan is stored or it has no such gate */
    public GateRecord gate(String name) {
        return read("read gate " + name, h -> findGate(h, currentPlanId(h), name));
    }

    /** Moves {@code gate} to {@code to} if {@link GateState} allows it, recording the move in the gate's history. */
    public GateRecord transition(String gate, GateState to, String detail) {
        Instant now = clock.instant();
        return write("record gate " + gate + " " + to.label(), h -> {
            long planId = currentPlanId(h);
            GateRecord current = findGate(h, planId, gate);
            current.state().ensureValidTransition(gate, to);
            GateRecord next = moved(current, to, detail, now);
            gates.update(h, planId, next, current.state(), now);
            return next;
        });
    }

    /** Merges {@code evidence} into the gate's evidence: keys given replace keys stored, others stay. */
    public void putEvidence(String gate, Map<String, Object> evidence) {
        Map<String, Object> plain = castMap(EvidenceJson.plain(evidence, "evidence"));   // fail before touching the file
        write("record evidence of gate " + gate, h -> {
            long planId = currentPlanId(h);
            Map<String, Object> merged = new LinkedHashMap<>(findGate(h, planId, gate).evidence());
            merged.putAll(plain);
            gates.updateEvidence(h, planId, gate, evidenceJson.write(merged));
            return null;
        });
    }

    /**
     * Records one entry of a gate's evidence, {@code <section>.<name>} (a group's move, say), and these
     * position rows, in one transaction. The section's other entries are left as they are, so movers of
     * different things saving at the same time never overwrite each other, and a save costs one entry,
     * not the whole section.
     */
    public void putEvidenceEntry(String gate, String section, String name, Map<String, Object> entry,
                                 Collection<PositionRow> rows) {
        Map<String, Object> plain = castMap(EvidenceJson.plain(entry, "evidence." + section + "." + name));
        rows.forEach(Ledger::checkKind);
        Instant now = clock.instant();
        write("record evidence of gate " + gate, h -> {
            long planId = currentPlanId(h);
            Map<String, Object> merged = new LinkedHashMap<>(findGate(h, planId, gate).evidence());
            Map<String, Object> entries = merged.get(section) instanceof Map<?, ?> m ? new LinkedHashMap<>(castMap(m))
                    : new LinkedHashMap<>();
            entries.put(name, plain);
            merged.put(section, entries);
            gates.updateEvidence(h, planId, gate, evidenceJson.write(merged));
            rows.forEach(row -> positions.upsert(h, row, now));
            return null;
        });
    }

    /** The gate's history under the current plan, oldest first; the first event is its planning (from null). */
    public List<GateEvent> gateEvents(String gate) {
        return read("read the history of gate " + gate, h -> {
            long planId = currentPlanId(h);
            findGate(h, planId, gate);
            return gates.events(h, planId, gate);
        });
    }

    private static GateRecord moved(GateRecord g, GateState to, String detail, Instant now) {
        return switch (to) {
            // A new attempt: the first start stays, an end from a failed attempt no longer holds.
            case RUNNING -> new GateRecord(g.ordinal(), g.name(), to, g.attempts() + 1,
                    g.startedAt() == null ? now : g.startedAt(), null, g.evidence(), detail);
            case PASSED, FAILED -> new GateRecord(g.ordinal(), g.name(), to, g.attempts(), g.startedAt(), now,
                    g.evidence(), detail);
            // Back to pending after a rollback: the next run's timings start afresh; attempts keep counting.
            case PENDING -> new GateRecord(g.ordinal(), g.name(), to, g.attempts(), null, null, g.evidence(), detail);
            case ROLLED_BACK -> new GateRecord(g.ordinal(), g.name(), to, g.attempts(), g.startedAt(), g.endedAt(),
                    g.evidence(), detail);
        };
    }

    private long currentPlanId(Handle h) {
        return plans.current(h).map(PlanDao.PlanRow::id).orElseThrow(() -> new LedgerStateException(
                "no plan is stored in ledger " + file + "; run `cutover plan PLAN.yaml` first"));
    }

    private GateRecord findGate(Handle h, long planId, String name) {
        return gates.find(h, planId, name).orElseThrow(() -> new LedgerStateException("the stored plan has no gate `"
                + name + "`; its gates are: " + String.join(", ", names(gates.list(h, planId)))));
    }

    // ---- positions ----

    /** Inserts or replaces the row of (kind, owner, topic, partition) as given: null columns are stored as null. */
    public void upsertPosition(PositionRow row) {
        upsertPositions(List.of(row));
    }

    /** Several rows in one transaction (a group's partitions: one commit instead of one per row). */
    public void upsertPositions(Collection<PositionRow> rows) {
        rows.forEach(Ledger::checkKind);
        Instant now = clock.instant();
        write("record positions", h -> {
            rows.forEach(row -> positions.upsert(h, row, now));
            return null;
        });
    }

    private static void checkKind(PositionRow row) {
        if (!PositionRow.PRODUCER.equals(row.kind()) && !PositionRow.GROUP.equals(row.kind())) {
            throw new IllegalArgumentException("position kind must be `producer` or `group`, not `" + row.kind() + "`");
        }
    }

    /** Producers first, then groups; each by owner, topic, partition. */
    public List<PositionRow> positions() {
        return read("read the positions", positions::list);
    }

    // ---- audit ----

    /** Appends to the audit trail; the actor (user@host pid) is this process. */
    public void audit(String action, String outcome, String detail) {
        Instant now = clock.instant();
        write("append to the audit trail", h -> {
            audit.append(h, now, self.actor(), action, outcome, detail);
            return null;
        });
    }

    public List<AuditEntry> auditTrail() {
        return read("read the audit trail", audit::list);
    }

    // ---- readings ----

    /** Appends readings taken together (one evaluation of every trigger, one lag probe) in one write. */
    public void addReadings(List<LedgerReading> rows) {
        if (rows.isEmpty()) {
            return;
        }
        write("record readings", h -> {
            rows.forEach(r -> readings.append(h, r));
            return null;
        });
    }

    /** Every reading, oldest first. */
    public List<LedgerReading> readings() {
        return read("read the readings", readings::list);
    }

    // ---- mirror agent ----

    /** Records the agent process as RUNNING with a fresh heartbeat and no stop requested, replacing any earlier agent. */
    public void registerAgent(long pid, String host, Instant processStart) {
        Instant now = clock.instant();
        write("register the mirror agent", h -> {
            agents.register(h, pid, host, processStart, now);
            return null;
        });
    }

    /**
     * Records the agent's state. From a pid that is not the registered agent (another agent replaced it)
     * it changes nothing: that agent learns it was replaced from {@link #agent()} and should stop.
     */
    public void agentHeartbeat(long pid, String state, String detail) {
        Instant now = clock.instant();
        boolean registered = write("record the mirror agent's heartbeat", h -> agents.heartbeat(h, pid, state, detail, now));
        if (!registered) {
            log.warn("process {} is not the registered mirror agent of ledger {}; its heartbeat was not recorded", pid, file);
        }
    }

    public Optional<AgentRecord> agent() {
        return read("read the mirror agent", agents::find);
    }

    /** Asks the agent to stop; it sees the flag on its next poll. Does nothing when no agent is registered. */
    public void requestAgentStop() {
        write("ask the mirror agent to stop", h -> {
            agents.requestStop(h);
            return null;
        });
    }

    // ---- mirror progress (per direction) ----

    public void saveMirrorProgress(Collection<MirrorProgress> rows) {
        saveMirrorProgress(MirrorDirection.FORWARD, rows, List.of());
    }

    public void saveMirrorProgress(Collection<MirrorProgress> rows, Collection<OffsetAnchor> newAnchors) {
        saveMirrorProgress(MirrorDirection.FORWARD, rows, newAnchors);
    }

    /** Positions and the offset anchors of the records they cover, in one transaction. */
    public void saveMirrorProgress(MirrorDirection direction, Collection<MirrorProgress> rows,
                                   Collection<OffsetAnchor> newAnchors) {
        Instant now = clock.instant();
        write("record mirror progress", h -> {
            anchorsOf(direction).upsert(h, newAnchors);
            progressOf(direction).upsert(h, rows, now);
            return null;
        });
    }

    /** The forward mirror's offset anchor at or before {@code sourceOffset} on that source partition. */
    public Optional<OffsetAnchor> mirrorAnchor(String topic, int partition, long sourceOffset) {
        return mirrorAnchor(MirrorDirection.FORWARD, topic, partition, sourceOffset);
    }

    /** The anchor at or before {@code sourceOffset} of the mirror's source side of that partition. */
    public Optional<OffsetAnchor> mirrorAnchor(MirrorDirection direction, String topic, int partition, long sourceOffset) {
        return read("read offset anchors", h -> anchorsOf(direction).atOrBefore(h, topic, partition, sourceOffset));
    }

    /** The forward mirror's offset anchor at or before {@code targetOffset} on the target side of that partition. */
    public Optional<OffsetAnchor> mirrorAnchorByTarget(String topic, int partition, long targetOffset) {
        return mirrorAnchorByTarget(MirrorDirection.FORWARD, topic, partition, targetOffset);
    }

    /** The anchor at or before {@code targetOffset} of the mirror's target side of that partition. */
    public Optional<OffsetAnchor> mirrorAnchorByTarget(MirrorDirection direction, String topic, int partition,
                                                       long targetOffset) {
        return read("read offset anchors", h -> anchorsOf(direction).atOrBeforeTarget(h, topic, partition, targetOffset));
    }

    /** The forward mirror's positions, by topic, then partition. */
    public Map<PartitionKey, MirrorProgress> mirrorProgress() {
        return mirrorProgress(MirrorDirection.FORWARD);
    }

    /** By topic, then partition. */
    public Map<PartitionKey, MirrorProgress> mirrorProgress(MirrorDirection direction) {
        return read("read mirror progress", h -> progressOf(direction).list(h).stream().collect(Collectors.toMap(
                MirrorProgress::key, p -> p, (a, b) -> a, LinkedHashMap::new)));
    }

    public void clearMirrorProgress() {
        clearMirrorProgress(MirrorDirection.FORWARD);
    }

    public void clearMirrorProgress(MirrorDirection direction) {
        write("clear mirror progress", h -> {
            progressOf(direction).clear(h);
            anchorsOf(direction).clear(h);
            return null;
        });
    }

    /** Which way the mirror agent copies (FORWARD until switch-producers says otherwise). */
    public MirrorDirection mirrorDirection() {
        return setting("mirror.direction").map(v -> MirrorDirection.valueOf(v.toUpperCase())).orElse(MirrorDirection.FORWARD);
    }

    public void mirrorDirection(MirrorDirection direction) {
        putSetting("mirror.direction", direction.label());
    }

    /**
     * Turns the mirror around at the switch of producers, forward to reverse, in one transaction: asks
     * the agent to stop, replaces the reverse mirror's positions (and anchors) with {@code reverseStart},
     * sets the direction to REVERSE and merges {@code evidence} into the gate's evidence (keys given
     * replace keys stored, as {@link #putEvidence}).
     *
     * <p>Invariant: the ledger holds all four facts or none of them. A kill at any moment leaves either
     * the forward mirror as it was (direction FORWARD, the old reverse rows, the gate's evidence without
     * this turnaround) or the complete turnaround; never the direction REVERSE without the evidence of
     * the stop, nor reverse start positions under direction FORWARD.
     */
    public void turnMirrorToReverse(String gate, Collection<MirrorProgress> reverseStart, Map<String, Object> evidence) {
        Map<String, Object> plain = castMap(EvidenceJson.plain(evidence, "evidence"));   // fail before touching the file
        Instant now = clock.instant();
        write("turn the mirror around (gate " + gate + ")", h -> {
            agents.requestStop(h);
            progressOf(MirrorDirection.REVERSE).clear(h);
            anchorsOf(MirrorDirection.REVERSE).clear(h);
            progressOf(MirrorDirection.REVERSE).upsert(h, reverseStart, now);
            upsertSetting(h, "mirror.direction", MirrorDirection.REVERSE.label(), now);
            long planId = currentPlanId(h);
            Map<String, Object> merged = new LinkedHashMap<>(findGate(h, planId, gate).evidence());   // an unknown gate rolls back all
            merged.putAll(plain);
            gates.updateEvidence(h, planId, gate, evidenceJson.write(merged));
            return null;
        });
    }

    /**
     * Turns the mirror back at a rollback, reverse to forward, in one transaction: asks the (reverse)
     * agent to stop, sets the forward mirror's positions of the reversed partitions to
     * {@code forwardStart} (past the records the reverse mirror wrote to the source, so the forward
     * mirror never copies them back), sets the direction to FORWARD and records it in the audit trail.
     *
     * <p>Invariant: all of it or none. A kill leaves the direction REVERSE with the forward positions
     * as they were (and a resumed rollback drains the quiet target again), or the whole turn.
     */
    public void turnMirrorToForward(Collection<MirrorProgress> forwardStart, String detail) {
        Instant now = clock.instant();
        write("turn the mirror back to forward", h -> {
            agents.requestStop(h);
            progressOf(MirrorDirection.FORWARD).upsert(h, forwardStart, now);
            upsertSetting(h, "mirror.direction", MirrorDirection.FORWARD.label(), now);
            audit.append(h, now, self.actor(), "mirror-direction", "forward", detail);
            return null;
        });
    }

    // ---- settings ----

    public Optional<String> setting(String key) {
        return read("read setting " + key, h -> h.createQuery("SELECT value FROM settings WHERE key = :key")
                .bind("key", key).mapTo(String.class).findOne());
    }

    public void putSetting(String key, String value) {
        Instant now = clock.instant();
        write("write setting " + key, h -> upsertSetting(h, key, value, now));
    }

    private static int upsertSetting(Handle h, String key, String value, Instant now) {
        return h.createUpdate("""
                        INSERT INTO settings (key, value, updated_at) VALUES (:key, :value, :at)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""")
                .bind("key", key).bind("value", value).bind("at", LedgerTime.text(now)).execute();
    }

    private MirrorProgressDao progressOf(MirrorDirection direction) {
        return direction == MirrorDirection.FORWARD ? progress : reverseProgress;
    }

    private OffsetAnchorDao anchorsOf(MirrorDirection direction) {
        return direction == MirrorDirection.FORWARD ? anchors : reverseAnchors;
    }

    // ---- lifecycle ----

    /** Releases a lock still held through this ledger; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (LedgerLock lock : new ArrayList<>(heldLocks)) {
            lock.close();
        }
    }

    // for testing: a pragma as a ledger connection sees it
    String pragma(String name) {
        return read("read pragma " + name, h -> h.createQuery("PRAGMA " + name).mapTo(String.class).one());
    }

    private <T> T write(String what, HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        try {
            return jdbi.inTransaction(work);
        } catch (JdbiException e) {
            throw new LedgerException("ledger " + file + ": cannot " + what + ": " + rootMessage(e), e);
        }
    }

    private <T> T read(String what, HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw new LedgerException("ledger " + file + ": cannot " + what + ": " + rootMessage(e), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LedgerException("ledger " + file + " is closed");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static List<String> names(List<GateRecord> gates) {
        return gates.stream().map(GateRecord::name).toList();
    }

    private static List<String> namesIn(List<GateRecord> gates, GateState state) {
        return gates.stream().filter(g -> g.state() == state).map(GateRecord::name).toList();
    }

    private static String orNone(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String shortPrint(StoredPlan plan) {
        String print = plan.fingerprint();
        return print.length() > 12 ? print.substring(0, 12) : print;
    }

    private static String describe(StoredPlan plan, List<String> gateNames) {
        return "plan `" + plan.name() + "` fingerprint " + shortPrint(plan)
                + (plan.sourceFile() == null ? "" : " from " + plan.sourceFile()) + ", gates: " + String.join(", ", gateNames);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object plainMap) {
        return (Map<String, Object>) plainMap;
    }
}

package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.run.FakeTime;

/**
 * A Salesforce producer writing one event per tick (each sleep of the fake time) to one topic,
 * with replay ids {@code NAME-1, NAME-2, ...}; its stop reports the last id, its start resumes
 * after the id it is given. Knobs make it misbehave the ways real controls do.
 */
final class FakeProducer implements ProducerControl {

    private final String name;
    private final String topic;
    private final FakeKafka kafka;
    private final FakeTime time;
    private ClusterSide writingOn = ClusterSide.SOURCE;
    private int last;
    int stops;
    int starts;
    /** Fails every stop on this side. */
    ClusterSide failStopOn;
    /** Fails every start on this side. */
    ClusterSide failStartOn;
    /** Its stop returns but it goes on writing. */
    boolean ignoresStop;
    /** Its stop reports an id one behind the last it wrote. */
    boolean reportsStale;
    /** Its start resumes this many events too early (repeating ids). */
    int resumesEarlyBy;

    FakeProducer(String name, String topic, FakeKafka kafka, FakeTime time) {
        this.name = name;
        this.topic = topic;
        this.kafka = kafka;
        this.time = time;
        kafka.createTopic(topic);
        time.onSleep(this::tick);
    }

    String topic() {
        return topic;
    }

    /** Where it writes now; null when stopped. */
    synchronized ClusterSide writingOn() {
        return writingOn;
    }

    synchronized void tick() {
        if (writingOn != null) {
            kafka.write(writingOn, topic, name + "-" + (++last), time.millis());
        }
    }

    @Override
    public synchronized ResumePosition stop(ClusterSide side) throws ControlException {
        stops++;
        if (side == failStopOn) {
            throw new ControlException("stop of " + name + " on the " + side.label() + " refused (HTTP 503)");
        }
        if (!ignoresStop) {
            writingOn = null;
        }
        return new ResumePosition(name + "-" + (reportsStale ? last - 1 : last), null);
    }

    @Override
    public synchronized void start(ClusterSide side, ResumePosition position) throws ControlException {
        starts++;
        if (side == failStartOn) {
            throw new ControlException("start of " + name + " on the " + side.label() + " refused (HTTP 503)");
        }
        if (writingOn == side) {
            return; // already running there (its stop was ignored): a start changes nothing, as a bridge's does
        }
        String id = position.replayId();
        last = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) - resumesEarlyBy;
        writingOn = side;
        tick(); // its first event right away, as a bridge that resumes from its replay id does
    }
}

package dev.cutover.engine.rehearsal;

import dev.cutover.engine.clusters.ClusterClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/**
 * What a staging rehearsal leaves on the target, and with {@code --cleanup} deletes: the topics and
 * groups that were not there when it began (the plan's topics the topics gate created, MirrorMaker 2's
 * own topics, the groups move-consumers committed). Nothing that was there before is ever deleted;
 * the source is not touched.
 *
 * @param topics the target's topics when the rehearsal began
 * @param groups the target's consumer groups when the rehearsal began
 */
record RehearsalCleanup(Set<String> topics, Set<String> groups) {

    RehearsalCleanup {
        topics = Set.copyOf(topics);
        groups = Set.copyOf(groups);
    }

    /** The target as it is before the rehearsal. */
    static RehearsalCleanup before(ClusterClients target) throws RehearsalException {
        return new RehearsalCleanup(topics(target.admin()), groups(target.admin()));
    }

    /** Lines saying what the rehearsal made on the target, deleted when {@code delete}. */
    List<String> leave(ClusterClients target, boolean delete) throws RehearsalException {
        Admin admin = target.admin();
        Set<String> newTopics = new TreeSet<>(topics(admin));
        newTopics.removeAll(topics);
        Set<String> newGroups = new TreeSet<>(groups(admin));
        newGroups.removeAll(groups);
        List<String> lines = new ArrayList<>();
        if (newTopics.isEmpty() && newGroups.isEmpty()) {
            lines.add("nothing new on the target");
            return lines;
        }
        if (!delete) {
            lines.add("left on the target (made by this rehearsal): topics " + newTopics + ", groups " + newGroups
                    + "; rehearse with --cleanup to delete them (a rehearsal again needs the target topics gone)");
            return lines;
        }
        try {
            if (!newGroups.isEmpty()) {
                admin.deleteConsumerGroups(newGroups).all().get(60, TimeUnit.SECONDS);
                lines.add("deleted on the target: groups " + newGroups);
            }
            if (!newTopics.isEmpty()) {
                admin.deleteTopics(newTopics).all().get(60, TimeUnit.SECONDS);
                lines.add("deleted on the target: topics " + newTopics);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new RehearsalException("--cleanup could not delete on the target: " + e.getMessage()
                    + " (topics " + newTopics + ", groups " + newGroups + " were made by this rehearsal)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalException("interrupted while cleaning up the target");
        }
        return lines;
    }

    private static Set<String> topics(Admin admin) throws RehearsalException {
        try {
            return admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new RehearsalException("could not list the target's topics: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalException("interrupted while listing the target's topics");
        }
    }

    private static Set<String> groups(Admin admin) throws RehearsalException {
        try {
            Set<String> ids = new TreeSet<>();
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
                ids.add(g.groupId());
            }
            return ids;
        } catch (ExecutionException | TimeoutException e) {
            throw new RehearsalException("could not list the target's groups: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalException("interrupted while listing the target's groups");
        }
    }
}

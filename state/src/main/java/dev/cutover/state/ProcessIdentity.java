package dev.cutover.state;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/** This process as the ledger records it: in the lock row and as the actor of audit entries. */
record ProcessIdentity(long pid, String host, String user, Instant processStart) {

    static ProcessIdentity current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessIdentity(self.pid(), localHost(), System.getProperty("user.name", "unknown"),
                self.info().startInstant().orElse(null));
    }

    /** "alice@host-a pid 1234". */
    String actor() {
        return user + "@" + host + " pid " + pid;
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A host without a resolvable name still has to tell its own locks from other hosts' ones.
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}

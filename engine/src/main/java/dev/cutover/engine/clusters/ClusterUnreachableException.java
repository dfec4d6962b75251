package dev.cutover.engine.clusters;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;

/** A cluster did not answer, refused the credentials, or refused an operation. */
public final class ClusterUnreachableException extends CutoverException {

    public ClusterUnreachableException(ClusterClients clients, String what, Throwable cause) {
        super(ExitCode.FAILED,
                "could not " + what + " on the " + clients + ": " + describe(cause),
                cause == null ? null : cause.getClass().getSimpleName(),
                "check that the cluster is up and that clusters." + clients.role()
                        + " (bootstrap and properties) in the plan reach it with the needed permissions",
                cause);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no answer";
        }
        if (cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "no answer within the timeout";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}

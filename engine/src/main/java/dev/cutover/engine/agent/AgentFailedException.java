package dev.cutover.engine.agent;

/**
 * The mirror agent reported that it failed (a data-loss guard tripped, a task died): restarting it
 * would fail the same way, so a wait on its copy ends here. Each caller turns it into its own
 * failure, with the agent's health for the evidence.
 */
public final class AgentFailedException extends Exception {

    private final AgentHealth health;

    AgentFailedException(AgentHealth health) {
        super("the mirror agent failed: " + health.detail());
        this.health = health;
    }

    public AgentHealth health() {
        return health;
    }
}

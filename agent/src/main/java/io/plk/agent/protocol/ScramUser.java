package io.plk.agent.protocol;

/**
 * A SCRAM user of the EXTERNAL listener. The password reaches the agent on stdin only and is never
 * printed: not by {@link #toString()}, not in a result.
 *
 * @param mechanism SCRAM-SHA-256 or SCRAM-SHA-512
 */
public record ScramUser(String name, String mechanism, String password) {
    @Override
    public String toString() {
        return name + " (" + mechanism + ")";
    }
}

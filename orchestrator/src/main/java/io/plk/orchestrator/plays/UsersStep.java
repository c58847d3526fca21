package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.plan.BrokerPlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's {@code users} command through one broker (credentials and ACLs live in the cluster's
 * metadata, not per broker): apply runs it, plan runs it in check mode and prints what it would do.
 */
public final class UsersStep {
    private final BrokerAgents agents;
    private final boolean removeUsers;

    /** @param removeUsers delete the cluster's SCRAM users the inventory lacks, and their ACLs */
    UsersStep(BrokerAgents agents, boolean removeUsers) {
        this.agents = agents;
        this.removeUsers = removeUsers;
    }

    public static UsersStep of(Fleet fleet, boolean removeUsers) {
        return new UsersStep(new BrokerAgents(fleet, new BrokerRequests(fleet.plan())), removeUsers);
    }

    public AgentResult run(BrokerPlan broker, boolean check) throws IOException {
        Map<String, Object> request = new HashMap<>(agents.requests().users(removeUsers));
        request.put("check", check);
        return agents.run(broker, "users", request);
    }

    /** Users and ACLs a result adds, rotates or removes, one per line; never a password. */
    public List<String> changes(AgentResult result) {
        List<String> lines = new ArrayList<>();
        strings(result, "created").forEach(u -> lines.add("create user " + u));
        strings(result, "rotated").forEach(u -> lines.add("rotate the password of " + u));
        strings(result, "removed").forEach(u -> lines.add("delete user " + u + " (--remove-users)"));
        strings(result, "aclsAdded").forEach(a -> lines.add("add ACL " + a));
        strings(result, "aclsRemoved").forEach(a -> lines.add("remove ACL " + a));
        return lines;
    }

    /** The SCRAM users the cluster has and the inventory lacks, when they are left alone. */
    public java.util.Optional<String> unlistedWarning(AgentResult result) {
        List<String> unlisted = strings(result, "unlisted");
        return removeUsers || unlisted.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("warning: SCRAM "
                + "users in the cluster but not in the inventory: " + String.join(", ", unlisted) + "; they still log "
                + "in on EXTERNAL. Pass --remove-users to apply to delete them and their ACLs");
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(AgentResult result, String fact) {
        return result.facts() == null ? List.of() : (List<String>) result.facts().getOrDefault(fact, List.of());
    }
}

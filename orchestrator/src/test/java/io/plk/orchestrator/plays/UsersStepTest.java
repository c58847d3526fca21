package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AgentResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What plan and apply print of a users result: users and ACLs by name, the unlisted users' warning. */
class UsersStepTest {
    private static final AgentResult CHECKED = AgentResult.changed("users", "would ...", Map.of(
            "users", List.of("tidb-cdc", "new-cdc"), "created", List.of("new-cdc"), "rotated", List.of("tidb-cdc"),
            "unlisted", List.of("old-cdc"), "removed", List.of(),
            "aclsAdded", List.of("User:new-cdc ALLOW WRITE TOPIC:*"),
            "aclsRemoved", List.of("User:tidb-cdc ALLOW READ GROUP:g")));

    @Test
    void eachUserAndAclChangeIsOneLine() {
        assertEquals(List.of("create user new-cdc", "rotate the password of tidb-cdc",
                "add ACL User:new-cdc ALLOW WRITE TOPIC:*", "remove ACL User:tidb-cdc ALLOW READ GROUP:g"),
                new UsersStep(null, false).changes(CHECKED));
    }

    @Test
    void unlistedUsersAreNamedWithTheFlagThatDeletesThemUnlessItIsGiven() {
        Optional<String> warning = new UsersStep(null, false).unlistedWarning(CHECKED);
        assertTrue(warning.orElseThrow().contains("not in the inventory: old-cdc") && warning.get()
                .contains("--remove-users"), warning.get());
        AgentResult removed = AgentResult.changed("users", "would ...", Map.of("unlisted", List.of("old-cdc"),
                "removed", List.of("old-cdc")));
        UsersStep removing = new UsersStep(null, true);
        assertEquals(Optional.empty(), removing.unlistedWarning(removed));
        assertEquals(List.of("delete user old-cdc (--remove-users)"), removing.changes(removed));
    }

    @Test
    void aResultWithoutAclFactsHasNoAclLines() {
        AgentResult ok = AgentResult.ok("users", "every user authenticates on EXTERNAL", Map.of("created", List.of(),
                "rotated", List.of(), "unlisted", List.of(), "removed", List.of()));
        assertEquals(List.of(), new UsersStep(null, false).changes(ok));
        assertEquals(Optional.empty(), new UsersStep(null, false).unlistedWarning(ok));
    }
}

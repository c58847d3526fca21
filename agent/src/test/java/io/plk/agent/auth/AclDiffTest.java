package io.plk.agent.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.BadRequestException;
import io.plk.agent.protocol.UserAcl;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The ACLs a managed principal should have against the ones it has: what to add, what to remove, as people read it. */
class AclDiffTest {
    private static final AclBinding WRITE_CDC = UserAcls.binding(
            new UserAcl("tidb-cdc", "TOPIC", "cdc-", "PREFIXED", "WRITE"));
    private static final AclBinding DESCRIBE_CLUSTER = UserAcls.binding(
            new UserAcl("tidb-cdc", "CLUSTER", "kafka-cluster", "LITERAL", "DESCRIBE"));
    private static final AclBinding WRITE_ALL = UserAcls.binding(
            new UserAcl("tidb-cdc", "TOPIC", "*", "LITERAL", "WRITE"));

    @Test
    void addsWhatIsMissingAndRemovesWhatIsNotDesired() {
        AclDiff diff = AclDiff.between(List.of(WRITE_CDC, DESCRIBE_CLUSTER), List.of(DESCRIBE_CLUSTER, WRITE_ALL));
        assertEquals(List.of(WRITE_CDC), diff.add());
        assertEquals(List.of(WRITE_ALL), diff.remove());
        assertEquals(List.of("User:tidb-cdc ALLOW WRITE TOPIC:cdc- (prefixed)"), diff.added());
        assertEquals(List.of("User:tidb-cdc ALLOW WRITE TOPIC:*"), diff.removed());
    }

    @Test
    void theSameAclsInAnotherOrderAreNoChange() {
        AclDiff diff = AclDiff.between(List.of(WRITE_CDC, DESCRIBE_CLUSTER, WRITE_CDC), List.of(DESCRIBE_CLUSTER, WRITE_CDC));
        assertTrue(diff.isEmpty(), diff.toString());
    }

    @Test
    void aCurrentDenyOrHostBoundAclIsRemovedAndShownAsSuch() {
        AclBinding deny = new AclBinding(new ResourcePattern(ResourceType.GROUP, "g", PatternType.LITERAL),
                new AccessControlEntry("User:tidb-cdc", "10.0.0.1", AclOperation.READ, AclPermissionType.DENY));
        AclDiff diff = AclDiff.between(List.of(), List.of(deny));
        assertEquals(List.of("User:tidb-cdc DENY READ GROUP:g from 10.0.0.1"), diff.removed());
        assertTrue(diff.add().isEmpty());
    }

    @Test
    void theRequestsNamesAreKafkasAndAnythingElseIsABadRequest() {
        assertEquals(new AclBinding(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, "*", PatternType.LITERAL),
                new AccessControlEntry("User:u", "*", AclOperation.DESCRIBE_CONFIGS, AclPermissionType.ALLOW)),
                UserAcls.binding(new UserAcl("u", "TRANSACTIONAL_ID", "*", "LITERAL", "DESCRIBE_CONFIGS")));
        assertThrows(BadRequestException.class, () -> UserAcls.binding(new UserAcl("u", "TOPIC", "t", "LITERAL",
                "describeConfigs")));
    }
}

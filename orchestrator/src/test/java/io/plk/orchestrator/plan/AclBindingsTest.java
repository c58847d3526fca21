package io.plk.orchestrator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AccessProbe;
import io.plk.agent.protocol.UserAcl;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each form of a user's acls as the ACLs Kafka gets, and what verify asks to prove them. */
class AclBindingsTest {
    private static final String AUTH = "auth: {mechanism: none}       # the runbook: EXTERNAL unauthenticated";

    @Test
    void theChangefeedPresetIsWhatTidbCloudsSinkNeedsOnEveryTopic() throws Exception {
        assertEquals(List.of(
                acl("TOPIC", "*", "LITERAL", "CREATE"), acl("TOPIC", "*", "LITERAL", "WRITE"),
                acl("TOPIC", "*", "LITERAL", "DESCRIBE"), acl("TOPIC", "*", "LITERAL", "DESCRIBE_CONFIGS"),
                acl("CLUSTER", "kafka-cluster", "LITERAL", "DESCRIBE"),
                acl("CLUSTER", "kafka-cluster", "LITERAL", "DESCRIBE_CONFIGS")), plan("changefeed").acls());
        assertEquals(plan("changefeed").acls(), plan("[changefeed, {preset: changefeed}]").acls(), "no ACL twice");
    }

    @Test
    void aTopicPrefixNarrowsThePresetToItsTopics() throws Exception {
        List<UserAcl> acls = plan("{preset: changefeed, topicPrefix: cdc-}").acls();
        assertEquals(List.of(acl("TOPIC", "cdc-", "PREFIXED", "CREATE"), acl("TOPIC", "cdc-", "PREFIXED", "WRITE"),
                acl("TOPIC", "cdc-", "PREFIXED", "DESCRIBE"), acl("TOPIC", "cdc-", "PREFIXED", "DESCRIBE_CONFIGS")),
                acls.subList(0, 4));
        assertEquals(6, acls.size());
    }

    @Test
    void explicitEntriesTakeKafkasNamesInAnyCaseAndMixWithThePreset() throws Exception {
        List<UserAcl> acls = plan("[{resource: group, name: cdc, pattern: Prefixed, operations: [read, Describe]}, "
                + "{resource: transactionalId, name: \"*\", operations: [write]}, {resource: cluster, operations: "
                + "[describe_configs, idempotentWrite]}, {resource: topic, name: orders, operations: [describeConfigs]}]")
                .acls();
        assertEquals(List.of(acl("GROUP", "cdc", "PREFIXED", "READ"), acl("GROUP", "cdc", "PREFIXED", "DESCRIBE"),
                acl("TRANSACTIONAL_ID", "*", "LITERAL", "WRITE"),
                acl("CLUSTER", "kafka-cluster", "LITERAL", "DESCRIBE_CONFIGS"),
                acl("CLUSTER", "kafka-cluster", "LITERAL", "IDEMPOTENT_WRITE"),
                acl("TOPIC", "orders", "LITERAL", "DESCRIBE_CONFIGS")), acls);
        assertEquals(7, plan("[changefeed, {resource: topic, name: \"*\", operations: [read, write]}]").acls().size(),
                "the preset's WRITE on every topic is not repeated");
    }

    @Test
    void withoutTheAuthorizerNoAclIsSentAndNoneIsProbed() throws Exception {
        Plan plan = Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT.replace(AUTH,
                "auth: {authorizer: false, users: [{name: tidb-cdc, passwordEnv: HOME}]}"))));
        assertTrue(plan.acls().isEmpty());
        assertEquals(Optional.empty(), plan.accessProbe());
        assertFalse(plan.externalAuth().authorizer());
    }

    @Test
    void theProbeAsksATopicInsideAndATopicAndGroupOutsideTheFirstUsersAcls() throws Exception {
        assertEquals(new AccessProbe("plk-verify", null, "plk-outside-acls"), plan("changefeed").accessProbe().get(),
                "ACLs on every topic leave no topic outside: a group is asked instead");
        assertEquals(new AccessProbe("cdc-plk-verify", "plk-outside-acls", "plk-outside-acls"),
                plan("{preset: changefeed, topicPrefix: cdc-}").accessProbe().get());
        assertEquals(new AccessProbe("plk-plk-verify", "a-plk-outside-acls", null), plan("[{preset: changefeed, "
                + "topicPrefix: plk-}, {resource: group, name: \"*\", operations: [read]}]").accessProbe().get(),
                "a name the prefix covers is not outside, and no group is outside ACLs on every group");
        assertEquals("orders", plan("[{resource: topic, name: orders, operations: [read]}]").accessProbe().get()
                .allowedTopic());
        assertEquals(null, plan("[{resource: topic, name: orders, operations: [create]}]").accessProbe().get()
                .allowedTopic(), "CREATE alone does not let a user describe the topic");
    }

    private static UserAcl acl(String resource, String name, String pattern, String operation) {
        return new UserAcl("tidb-cdc", resource, name, pattern, operation);
    }

    private static Plan plan(String acls) throws Exception {
        return Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT.replace(AUTH,
                "auth: {users: [{name: tidb-cdc, passwordEnv: HOME, acls: " + acls + "}]}"))));
    }
}

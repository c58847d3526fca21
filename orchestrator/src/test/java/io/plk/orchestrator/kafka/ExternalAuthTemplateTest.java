package io.plk.orchestrator.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.plk.agent.protocol.AgentRequest;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.BrokerRequests;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** privateLink.auth in what each broker gets: the listener settings in server.properties, the password only on stdin. */
class ExternalAuthTemplateTest {
    private static final String NONE = "auth: {mechanism: none}       # the runbook: EXTERNAL unauthenticated";

    @Test
    void scramTurnsExternalIntoSaslWithOnlyThatMechanismAndNoPasswordInTheFile() throws Exception {
        Path inventory = RunbookInventory.write(RunbookInventory.TEXT.replace(NONE,
                "auth: {users: [{name: tidb-cdc, passwordFile: pw, acls: changefeed}]}"));
        Path password = Files.writeString(inventory.resolveSibling("pw"), "s3cret-Pa55\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Plan plan = Plan.of(InventoryLoader.load(inventory));

        String rendered = new BrokerConfig(plan).render(plan.broker(1));
        Properties config = new Properties();
        config.load(new StringReader(rendered));
        assertEquals("INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:"
                + "SASL_PLAINTEXT,SASL_SSL:SASL_SSL", config.getProperty("listener.security.protocol.map"));
        assertEquals("SCRAM-SHA-512", config.getProperty("listener.name.external.sasl.enabled.mechanisms"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required;",
                config.getProperty("listener.name.external.scram-sha-512.sasl.jaas.config"));
        assertFalse(rendered.contains("s3cret"), rendered);
        assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer", config.getProperty("authorizer.class.name"));
        assertEquals("User:ANONYMOUS", config.getProperty("super.users"));
        assertNull(config.getProperty("allow.everyone.if.no.acl.found"), "Kafka's default: nothing without an ACL");

        assertEquals(Map.of("scramUsers", List.of(Map.of("name", "tidb-cdc", "mechanism", "SCRAM-SHA-512",
                "password", "s3cret-Pa55"))), new BrokerRequests(plan).login());
    }

    @Test
    void aRunningClusterIsToldToSecureExternalWithTheSameMechanism() throws Exception {
        String existing = "existing: {configFile: /opt/kafka/config/server.properties, kafkaHome: /opt/kafka, "
                + "service: {systemd: kafka}}\nbrokers:";
        Path inventory = RunbookInventory.write(RunbookInventory.TEXT.replace(NONE,
                "auth: {mechanism: SCRAM-SHA-256, users: [{name: tidb-cdc, passwordFile: pw}]}")
                .replace("brokers:", existing));
        Path password = Files.writeString(inventory.resolveSibling("pw"), "s3cret-Pa55\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Plan plan = Plan.of(InventoryLoader.load(inventory));
        AgentRequest patch = new BrokerRequests(plan).base(plan.broker(1));
        assertEquals("SASL_PLAINTEXT", patch.externalProtocol());
        assertEquals("SCRAM-SHA-256", patch.externalMechanism());
        assertNull(patch.scramUsers(), "the password goes with the users step only");

        Plan plaintext = Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT
                .replace("brokers:", existing))));
        AgentRequest unauthenticated = new BrokerRequests(plaintext).base(plaintext.broker(1));
        assertEquals("PLAINTEXT", unauthenticated.externalProtocol());
        assertNull(unauthenticated.externalMechanism());
    }

    @Test
    void noneKeepsTheRunbooksPlaintextAndSendsNoLogin() throws Exception {
        Plan plan = Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT)));
        Properties config = new Properties();
        config.load(new StringReader(new BrokerConfig(plan).render(plan.broker(1))));
        assertEquals("INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:"
                + "SASL_PLAINTEXT,SASL_SSL:SASL_SSL", config.getProperty("listener.security.protocol.map"));
        assertNull(config.getProperty("listener.name.external.sasl.enabled.mechanisms"));
        assertNull(config.getProperty("authorizer.class.name"));
        assertNull(config.getProperty("super.users"));
        assertEquals(Map.of(), new BrokerRequests(plan).login());
    }

    @Test
    void theUsersRequestCarriesTheAclsWithTheAuthorizerAndNoneWithout() throws Exception {
        Plan with = Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT.replace(NONE,
                "auth: {users: [{name: tidb-cdc, passwordEnv: HOME, acls: {preset: changefeed, topicPrefix: cdc-}}]}"))));
        Map<String, Object> users = new BrokerRequests(with).users(true);
        assertEquals(with.acls(), users.get("acls"));
        assertEquals(6, with.acls().size());
        assertEquals(true, users.get("removeUsers"));

        Plan without = Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT.replace(NONE,
                "auth: {authorizer: false, users: [{name: tidb-cdc, passwordEnv: HOME}]}"))));
        assertFalse(new BrokerRequests(without).users(false).containsKey("acls"), "no authorizer: ACLs left alone");
        Properties config = new Properties();
        config.load(new StringReader(new BrokerConfig(without).render(without.broker(1))));
        assertEquals("SCRAM-SHA-512", config.getProperty("listener.name.external.sasl.enabled.mechanisms"));
        assertNull(config.getProperty("authorizer.class.name"));
        assertNull(config.getProperty("super.users"));
    }
}

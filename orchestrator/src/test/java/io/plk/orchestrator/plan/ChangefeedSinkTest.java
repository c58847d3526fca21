package io.plk.orchestrator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.inventory.TlsInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the changefeed is told, from the inventory: its login as ticloud names it, the password only as its source. */
class ChangefeedSinkTest {

    @Test
    void scramUsersLogInAsTheFirstUserWithThePasswordAsItsFile() throws Exception {
        Path inventory = RunbookInventory.write(RunbookInventory.TEXT.replace("auth: {mechanism: none}",
                "auth: {mechanism: SCRAM-SHA-256, users: [{name: tidb-cdc, passwordFile: pw, acls: changefeed}, {name: other, "
                        + "passwordEnv: HOME, acls: changefeed}]}"));
        Path password = Files.writeString(inventory.resolveSibling("pw"), "s3cret-Pa55\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        ChangefeedSink sink = Plan.of(InventoryLoader.load(inventory)).changefeedSink();

        assertEquals(new ChangefeedSink(9092, "SCRAM-SHA-256", "tidb-cdc", password.toString(), false, null), sink);
        assertEquals("SASL_SCRAM_SHA_256", sink.authType());
        assertEquals("TiDB Cloud's Kafka sink: SASL mechanism SCRAM-SHA-256, user tidb-cdc, the password in "
                + password + ", TLS off; bootstrap port 9092 of the private link connection (ticloud --kafka: auth_type"
                + " SASL_SCRAM_SHA_256, tls_enable false)", sink.summary());
        assertFalse(sink.fields().toString().contains("s3cret"), sink.fields().toString());
    }

    @Test
    void noneAsksForNoCredentials() throws Exception {
        ChangefeedSink sink = Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT)))
                .changefeedSink();
        assertEquals("DISABLE", sink.authType());
        assertEquals(Map.of("broker_endpoints", "<private link connection>:9092", "tls_enable", false,
                "auth_type", "DISABLE"), sink.fields());
    }

    @Test
    void tlsIsOnWithTheServerNameToWriteIntoTheSinkForm() throws Exception {
        TlsInventory.issued("sink", List.of("kafka.example.com"));
        String tls = TlsInventory.files("sink").replace("}", ", serverName: kafka.example.com}");
        ChangefeedSink sink = Plan.of(InventoryLoader.load(RunbookInventory.write(TlsInventory.text(tls))))
                .changefeedSink();
        assertEquals("TiDB Cloud's Kafka sink: SASL mechanism SCRAM-SHA-512, user tidb-cdc, the password in $HOME, "
                + "TLS on, TLS Server Name kafka.example.com (TiDB Cloud takes no uploaded CA: the brokers' CA must be"
                + " one it trusts); bootstrap port 9092 of the private link connection (ticloud --kafka: auth_type "
                + "SASL_SCRAM_SHA_512, tls_enable true)", sink.summary());
        assertEquals(true, sink.fields().get("tls_enable"));
    }
}

package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.AgentMain;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.Status;
import io.plk.agent.protocol.TlsKeystore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code configure} with TLS on EXTERNAL: the keystore file owner-only, written when it differs, the key never shown. */
class ConfigurerKeystoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nS3CRETKEYBYTES\n-----END PRIVATE KEY-----\n";
    private static final String CHAIN = "-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    @Test
    void writesTheKeystoreOwnerOnlyOnceAndRewritesItWhenItOrItsModeChanges() throws Exception {
        Path keystore = dir.resolve("config/external-tls.pem");
        AgentResult first = configure(KEY, false);
        assertEquals(Status.CHANGED, first.status(), first.toString());
        assertTrue(first.msg().contains("wrote " + keystore + " (0600)"), first.msg());
        assertEquals(KEY + CHAIN, Files.readString(keystore));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
        assertFalse(Files.exists(dir.resolve("config/external-tls.pem.bak")), "no second copy of the key");

        AgentResult again = configure(KEY, false);
        assertEquals(Status.OK, again.status(), again.toString());
        assertTrue(again.msg().contains("and so is " + keystore), again.msg());

        Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-r--r--"));
        AgentResult modeFixed = configure(KEY, false);
        assertEquals(Status.CHANGED, modeFixed.status());
        assertTrue(modeFixed.msg().startsWith("wrote " + keystore + " (0600); server.properties is up to date"),
                modeFixed.msg());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
        try (var files = Files.list(keystore.getParent())) {
            assertEquals(2, files.count(), "server.properties and the keystore, no temp file left");
        }
    }

    @Test
    void checkModeReportsANewKeyWithoutWritingOrShowingIt() throws Exception {
        configure(KEY, false);
        String newKey = KEY.replace("S3CRETKEYBYTES", "N3WKEYBYTES");
        AgentResult planned = configure(newKey, true);
        assertEquals(Status.CHANGED, planned.status());
        assertTrue(planned.msg().contains("would write " + dir.resolve("config/external-tls.pem")), planned.msg());
        assertEquals(KEY + CHAIN, Files.readString(dir.resolve("config/external-tls.pem")));
        String printed = AgentMain.toJson(planned) + AgentMain.toJson(configure(newKey, false));
        assertFalse(printed.contains("KEYBYTES"), printed);
    }

    @Test
    void theKeystoreRecordNeverPrintsItsKey() {
        String shown = new TlsKeystore("/k.pem", CHAIN, KEY).toString();
        assertFalse(shown.contains("S3CRET"), shown);
        assertTrue(shown.contains("/k.pem"), shown);
    }

    private AgentResult configure(String key, boolean check) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("configFile", dir.resolve("config/server.properties").toString());
        request.put("template", "node.id=${broker.nodeId}\n");
        request.put("model", Map.of("broker", Map.of("nodeId", 1)));
        request.put("check", check);
        request.put("externalKeystore", Map.of("location", dir.resolve("config/external-tls.pem").toString(),
                "certificateChain", CHAIN, "privateKey", key));
        return new Configurer().configure(JSON.convertValue(request, AgentRequest.class));
    }
}

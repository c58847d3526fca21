package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.BadRequestException;
import io.plk.agent.protocol.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code patch} agent command on a real file: diff, backup, dry run, refusal, bad requests. */
class PatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADVERTISED = "b1.usw2-az1.unique_name.aws.plc.tidbcloud.com:9093";

    @TempDir
    Path dir;
    private Path config;
    private String live;

    @BeforeEach
    void liveConfig() throws IOException {
        config = dir.resolve("server.properties");
        live = ExternalListenerPatchGoldenTest.resource("kraft-combined.properties");
        Files.writeString(config, live);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void patchesOnceKeepingBackupAndModeThenHasNothingToDo() throws IOException {
        AgentResult first = new Patcher().patch(request(Map.of()));
        assertEquals(Status.CHANGED, first.status(), first.msg());
        assertEquals(ExternalListenerPatchGoldenTest.resource("kraft-combined.expected.properties"),
                Files.readString(config));
        assertEquals(live, Files.readString(dir.resolve("server.properties.bak")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertTrue(first.diff().contains("\n+listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092,"
                + "EXTERNAL://0.0.0.0:39092\n"), first.diff());
        assertTrue(first.diff().contains("\n-listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092\n"));
        assertTrue(first.msg().contains("listeners: added EXTERNAL://0.0.0.0:39092"), first.msg());

        AgentResult second = new Patcher().patch(request(Map.of()));
        assertEquals(Status.OK, second.status(), second.msg());
        assertEquals(null, second.diff());
        assertEquals(live, Files.readString(dir.resolve("server.properties.bak")));
    }

    @Test
    void keepsTheOwnerWhenTheAgentRunsAsRoot() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "changing a file's owner needs root");
        UserPrincipalLookupService users = config.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(config, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("nobody"));

        assertEquals(Status.CHANGED, new Patcher().patch(request(Map.of())).status());
        assertEquals("nobody", Files.getOwner(config).getName());
    }

    @Test
    void checkShowsTheDiffAndWritesNothing() throws IOException {
        AgentResult result = new Patcher().patch(request(Map.of("check", true)));
        assertEquals(Status.CHANGED, result.status());
        assertTrue(result.msg().startsWith("would patch "), result.msg());
        assertTrue(result.diff().contains("+advertised.listeners=INTERNAL://10.0.1.11:9092,EXTERNAL://" + ADVERTISED));
        assertEquals(live, Files.readString(config));
        assertFalse(Files.exists(dir.resolve("server.properties.bak")));
    }

    @Test
    void refusalFailsAndLeavesTheFileAlone() throws IOException {
        AgentResult result = new Patcher().patch(request(Map.of("nodeId", 2)));
        assertEquals(Status.FAILED, result.status());
        assertTrue(result.msg().contains("node.id is 1 in this file but the inventory says node 2 (line 6: \"node.id=1\")"),
                result.msg());
        assertEquals(live, Files.readString(config));
        assertFalse(Files.exists(dir.resolve("server.properties.bak")));
    }

    @Test
    void replaceExternalMovesTheAdvertisedName() throws IOException {
        new Patcher().patch(request(Map.of()));
        String renamed = ADVERTISED.replace("unique_name", "pl-4f2a9c");
        assertEquals(Status.FAILED, new Patcher().patch(request(Map.of("advertisedExternal", renamed))).status());
        AgentResult result = new Patcher().patch(request(Map.of("advertisedExternal", renamed, "replaceExternal", true)));
        assertEquals(Status.CHANGED, result.status(), result.msg());
        assertEquals(ExternalListenerPatchGoldenTest.resource("kraft-combined.expected.properties")
                .replace("unique_name", "pl-4f2a9c"), Files.readString(config));
    }

    @Test
    void aMissingFileIsNotCreated() throws IOException {
        AgentResult result = new Patcher().patch(request(Map.of("configFile", dir.resolve("nope.properties").toString())));
        assertEquals(Status.FAILED, result.status());
        assertTrue(result.msg().endsWith("nope.properties does not exist; patch only edits the server.properties"
                + " of a running cluster"), result.msg());
        assertFalse(Files.exists(dir.resolve("nope.properties")));
    }

    @Test
    void badRequestsNameTheField() {
        assertEquals("advertisedExternal 'b1.example' is not host:port", assertThrows(BadRequestException.class,
                () -> new Patcher().patch(request(Map.of("advertisedExternal", "b1.example")))).getMessage());
        assertEquals("external port 0 is not in 1-65535", assertThrows(BadRequestException.class,
                () -> new Patcher().patch(request(Map.of("externalPort", 0)))).getMessage());
        Map<String, Object> withoutPort = new LinkedHashMap<>(base());
        withoutPort.remove("externalPort");
        assertEquals("request lacks 'externalPort'", assertThrows(BadRequestException.class,
                () -> new Patcher().patch(JSON.convertValue(withoutPort, AgentRequest.class))).getMessage());
    }

    private Map<String, Object> base() {
        return Map.of("configFile", config.toString(), "nodeId", 1, "externalPort", 39092,
                "advertisedExternal", ADVERTISED);
    }

    /** Built from JSON, as the agent receives it, so the field names are part of the test. */
    private AgentRequest request(Map<String, Object> overrides) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(base());
        fields.putAll(overrides);
        return JSON.readValue(JSON.writeValueAsString(fields), AgentRequest.class);
    }
}

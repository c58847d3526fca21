package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.BadRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuorumSeatTest {
    private static final String INITIAL = "1@10.0.0.11:29092:ZpHckYrxSw26RWkyjmfzaA";
    @TempDir
    Path dir;

    @Test
    void aStaticQuorumNeedsNoArgumentAndRefusesTheDynamicOnes() throws Exception {
        ServerConfig config = config("broker,controller", "controller.quorum.voters=1@10.0.0.11:29092");
        assertEquals(List.of(), QuorumSeat.arguments(config, request(Map.of())));
        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> QuorumSeat.arguments(config, request(Map.of("initialControllers", INITIAL))));
        assertTrue(refused.getMessage().startsWith("initialControllers is for a dynamic quorum"), refused.getMessage());
    }

    @Test
    void aDynamicControllerFoundsOrJoinsAndMustSayWhich() throws Exception {
        ServerConfig config = config("controller", "controller.quorum.bootstrap.servers=10.0.0.11:29092");
        assertEquals(List.of("--initial-controllers", INITIAL),
                QuorumSeat.arguments(config, request(Map.of("initialControllers", INITIAL))));
        assertEquals(List.of("--no-initial-controllers"),
                QuorumSeat.arguments(config, request(Map.of("joinQuorum", true))));
        BadRequestException neither = assertThrows(BadRequestException.class,
                () -> QuorumSeat.arguments(config, request(Map.of())));
        assertTrue(neither.getMessage().startsWith("request lacks 'initialControllers' or 'joinQuorum'"),
                neither.getMessage());
        assertThrows(BadRequestException.class, () -> QuorumSeat.arguments(config,
                request(Map.of("initialControllers", INITIAL, "joinQuorum", true))));
    }

    @Test
    void aDynamicBrokerNeedsNone() throws Exception {
        ServerConfig config = config("broker", "controller.quorum.bootstrap.servers=10.0.0.11:29092");
        assertEquals(List.of(), QuorumSeat.arguments(config, request(Map.of())));
        assertEquals(List.of(), QuorumSeat.arguments(config, request(Map.of("initialControllers", INITIAL))));
    }

    private ServerConfig config(String roles, String quorum) throws Exception {
        Path file = Files.writeString(dir.resolve("server.properties"), "process.roles=" + roles + "\n" + quorum + "\n");
        return ServerConfig.read(file.toString()).orElseThrow();
    }

    private static AgentRequest request(Map<String, Object> fields) {
        return new ObjectMapper().convertValue(new HashMap<>(fields), AgentRequest.class);
    }
}

package io.plk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.kafka.Installer;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan's half of the converge: the same steps as apply, in check mode, answering what apply would find. */
class ConvergeCheckTest {
    @TempDir
    Path dir;

    private static AgentRequest request(Map<String, Object> fields) {
        return new ObjectMapper().convertValue(new HashMap<>(fields), AgentRequest.class);
    }

    private static Map<String, Command> steps(AgentResult configure, Object pid) {
        Map<String, Command> steps = new LinkedHashMap<>();
        steps.put("configure", r -> configure);
        Map<String, Object> facts = new HashMap<>(Map.of("restartPending", false));
        facts.put("pid", pid);
        steps.put("facts", r -> AgentResult.ok("facts", "collected", facts));
        return steps;
    }

    private static boolean pending(AgentResult converged) {
        List<?> results = (List<?>) converged.facts().get("steps");
        return (Boolean) ((AgentResult) results.get(results.size() - 1)).facts().get("restartPending");
    }

    private static final AgentResult WOULD_REWRITE = AgentResult.changed("configure", "would rewrite it", Map.of())
            .withDiff("-a=1\n+a=2\n");

    @Test
    void aRunningNodeWhoseConfigWouldBeRewrittenIsPendingARestart() throws Exception {
        AgentResult plan = new Converge(steps(WOULD_REWRITE, 42L)).run(request(Map.of("steps",
                List.of("configure", "facts"), "check", true)));
        assertTrue(pending(plan));
        List<?> steps = (List<?>) plan.facts().get("steps");
        assertEquals(List.of("CONFIG"), ((AgentResult) steps.get(steps.size() - 1)).facts().get("restartReasons"));
    }

    @Test
    void aStoppedNodeOrAnUnchangedConfigIsNot() throws Exception {
        Map<String, Object> check = Map.of("steps", List.of("configure", "facts"), "check", true);
        assertFalse(pending(new Converge(steps(WOULD_REWRITE, null)).run(request(check))), "stopped: it just starts");
        assertFalse(pending(new Converge(steps(AgentResult.ok("configure", "up to date", Map.of()), 42L))
                .run(request(check))));
    }

    @Test
    void withoutCheckTheFactsAnswerForThemselves() throws Exception {
        assertFalse(pending(new Converge(steps(WOULD_REWRITE, 42L)).run(request(Map.of("steps",
                List.of("configure", "facts"))))), "after a real write the facts read the new file themselves");
    }

    @Test
    void installInCheckModeUnpacksNothing() throws Exception {
        Path archive = Files.writeString(dir.resolve("kafka_2.13-4.1.1.tgz"), "not even a tgz");
        Path home = dir.resolve("kafka_2.13-4.1.1");
        AgentResult result = new Installer().install(request(Map.of("kafkaHome", home.toString(),
                "archive", archive.toString(), "check", true)));
        assertEquals("changed", result.status().toString().toLowerCase(java.util.Locale.ROOT));
        assertTrue(result.msg().startsWith("would unpack kafka_2.13-4.1.1.tgz"), result.msg());
        assertFalse(Files.exists(home));
    }
}

package io.plk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged agent as production does: its own JVM, the broker's libs/ on the class path. */
final class AgentProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path agentJar;

    AgentProcess(Path agentJar) {
        this.agentJar = agentJar;
    }

    JsonNode run(String command, Map<String, Object> request) throws IOException, InterruptedException {
        String kafkaHome = (String) request.get("kafkaHome");
        Process process = new ProcessBuilder("java", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                agentJar + (kafkaHome == null ? "" : ":" + kafkaHome + "/libs/*"), "io.plk.agent.AgentMain", command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().write(JSON.writeValueAsBytes(request));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("agent " + command + " did not finish");
        }
        JsonNode result = JSON.readTree(out);
        int expectedExit = "failed".equals(result.path("status").asText()) ? 1 : 0;
        if (process.exitValue() != expectedExit && process.exitValue() != 2) {
            throw new AssertionError("agent " + command + " exit " + process.exitValue() + " with " + result);
        }
        return result;
    }
}

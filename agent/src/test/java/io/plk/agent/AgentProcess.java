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
    private String lastTranscript = "";

    AgentProcess(Path agentJar) {
        this.agentJar = agentJar;
    }

    JsonNode run(String command, Map<String, Object> request) throws IOException, InterruptedException {
        String kafkaHome = (String) request.get("kafkaHome");
        Path stderr = java.nio.file.Files.createTempFile("agent", ".stderr");
        Process process = new ProcessBuilder("java", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                agentJar + (kafkaHome == null ? "" : ":" + kafkaHome + "/libs/*"), "io.plk.agent.AgentMain", command)
                .redirectError(stderr.toFile()).start();
        process.getOutputStream().write(JSON.writeValueAsBytes(request));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("agent " + command + " did not finish");
        }
        String errors = java.nio.file.Files.readString(stderr);
        java.nio.file.Files.delete(stderr);
        System.err.print(errors);
        lastTranscript = new String(out, java.nio.charset.StandardCharsets.UTF_8) + errors;
        JsonNode result = JSON.readTree(out);
        int expectedExit = "failed".equals(result.path("status").asText()) ? 1 : 0;
        if (process.exitValue() != expectedExit && process.exitValue() != 2) {
            throw new AssertionError("agent " + command + " exit " + process.exitValue() + " with " + result);
        }
        return result;
    }

    /** What the last run printed, stdout and stderr. */
    String lastTranscript() {
        return lastTranscript;
    }
}

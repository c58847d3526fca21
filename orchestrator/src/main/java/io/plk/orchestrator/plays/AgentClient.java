package io.plk.orchestrator.plays;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.ssh.Command;
import io.plk.orchestrator.ssh.ExecResult;
import io.plk.orchestrator.ssh.RemoteHost;
import io.plk.orchestrator.ssh.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Runs the agent on a host: one JSON line in, one JSON result out. */
public final class AgentClient {
    static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** The agent sits beside a production broker: small heap, quick start. */
    private static final String JVM_OPTIONS = "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

    private final String javaBinary;
    private final String agentJar;

    public AgentClient(String javaBinary, String agentJar) {
        this.javaBinary = javaBinary;
        this.agentJar = agentJar;
    }

    public String commandLine(String command, String kafkaHome) {
        String classPath = agentJar + (kafkaHome == null ? "" : ":" + kafkaHome + "/libs/*");
        return javaBinary + " " + JVM_OPTIONS + " -cp " + Shell.quote(classPath) + " io.plk.agent.AgentMain "
                + command;
    }

    public AgentResult run(RemoteHost host, String command, AgentRequest request, Duration timeout)
            throws IOException {
        byte[] stdin = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
        ExecResult result = host.exec(Command.of(commandLine(command, request.kafkaHome()))
                .withStdin(stdin).withTimeout(timeout));
        String stdout = result.stdout().strip();
        if (stdout.isEmpty() || !stdout.startsWith("{")) {
            throw new PlayFailedException(host.address().host(), command, "the agent printed no result (exit "
                    + result.exitCode() + "): " + tail(result.stderr()));
        }
        String lastLine = stdout.substring(stdout.lastIndexOf('\n') + 1);
        return JSON.readValue(lastLine, AgentResult.class);
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 10), lines.length));
    }
}

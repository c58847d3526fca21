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
import java.util.List;

/** Runs the agent on a host: one JSON line in, one JSON result out. */
public final class AgentClient {
    static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** The agent sits beside a production broker: small heap, quick start. */
    private static final java.util.List<String> JVM_OPTIONS = java.util.List.of("-Xmx64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xlog:all=warning:stderr");

    private final String javaBinary;
    private final String agentJar;
    private final String classArchive;

    /**
     * @param classArchive where the broker keeps class-data archives of this agent and this Kafka
     *                     (AppCDS), one per command: the first run writes it, later runs start in
     *                     about half the time
     */
    public AgentClient(String javaBinary, String agentJar, String classArchive) {
        this.javaBinary = javaBinary;
        this.agentJar = agentJar;
        this.classArchive = classArchive;
    }

    /** The agent's JVM with its options, on the brokers and for the bastion's staging server alike. */
    static String jvm(String javaBinary) {
        return Shell.quote(javaBinary) + " " + String.join(" ", JVM_OPTIONS);
    }

    /** What follows the JVM's options: the class path, the agent's main class and the command it runs. */
    static String agentMain(String classPath, String command) {
        return Shell.format(" -cp {} io.plk.agent.AgentMain {}", classPath, command);
    }

    public String commandLine(String command, String kafkaHome) {
        String classPath = agentJar + (kafkaHome == null ? "" : ":" + kafkaHome + "/libs/*");
        String archive = classArchive.replaceFirst("\\.jsa$", "-" + command + ".jsa");
        String jvm = jvm(javaBinary);
        String run = agentMain(classPath, command);
        // the archive is written under a private name and renamed, so a concurrent run never reads half of it
        return Shell.format("if [ -f {} ]; then " + jvm + " -XX:SharedArchiveFile={}" + run + "; else mkdir -p "
                + "\"$(dirname {})\"; " + jvm + " -XX:ArchiveClassesAtExit={}.$$" + run + "; rc=$?; mv -f {}.$$ {} "
                + "2>/dev/null; exit $rc; fi", archive, archive, archive, archive, archive, archive);
    }

    public AgentResult run(RemoteHost host, String command, AgentRequest request, Duration timeout)
            throws IOException {
        byte[] stdin = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
        ExecResult result = host.exec(Command.of(commandLine(command, request.kafkaHome()))
                .withStdin(stdin).withTimeout(timeout));
        String json = result.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (json == null) {
            throw new PlayFailedException(host.address().host(), command, "the agent printed no result (exit "
                    + result.exitCode() + "): " + tail(result.stderr()));
        }
        return JSON.readValue(json, AgentResult.class);
    }

    /** The step results a {@code converge} answered with, in order; empty when it refused before any step. */
    static List<AgentResult> steps(AgentResult converge) {
        Object raw = converge.facts() == null ? null : converge.facts().get("steps");
        return raw == null ? List.of() : JSON.convertValue(raw, JSON.getTypeFactory()
                .constructCollectionType(List.class, AgentResult.class));
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 10), lines.length));
    }
}

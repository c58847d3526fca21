package io.plk.agent.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The systemd unit of one node, written and owned by the agent. It runs the same JVM command as a
 * detached start, as the login user, restarts Kafka after a crash, starts it at boot, and gives a
 * controlled shutdown longer than Kafka's own to finish. Its output goes to the journal; Kafka's log
 * stays in the Kafka log dir. Writing it needs root: every such call is {@code sudo -n}, which fails at
 * once, with its reason, instead of asking for a password.
 */
public final class KafkaUnit {
    static final Path UNITS = Path.of("/etc/systemd/system");
    static final int STOP_TIMEOUT_SECONDS = 180;
    private final int nodeId;

    public KafkaUnit(int nodeId) {
        this.nodeId = nodeId;
    }

    public String name() {
        return "plk-kafka-" + nodeId + ".service";
    }

    Path file() {
        return UNITS.resolve(name());
    }

    String render(List<String> command, String user) {
        return """
                # Maintained by plk for node %d: apply rewrites it. Edit the inventory, not this file.
                [Unit]
                Description=Apache Kafka, node %d (plk)
                After=network-online.target
                Wants=network-online.target

                [Service]
                Type=simple
                User=%s
                ExecStart=%s
                # SIGTERM is a controlled shutdown: leadership moves away first, which takes a while
                TimeoutStopSec=%d
                SuccessExitStatus=143
                Restart=on-failure
                RestartSec=5
                LimitNOFILE=100000

                [Install]
                WantedBy=multi-user.target
                """.formatted(nodeId, nodeId, userName(user), command.stream().map(KafkaUnit::quoted)
                .collect(Collectors.joining(" ")), STOP_TIMEOUT_SECONDS);
    }

    /** User= takes no quotes: the login user's name must be one systemd accepts as it is. */
    static String userName(String user) {
        if (!user.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("the login user '" + user + "' is not a name a systemd unit's User="
                    + " takes (a-z, 0-9, _ and -): set cluster.service: process");
        }
        return user;
    }

    /** systemd's own quoting: one word each, whatever it holds; % and $ would otherwise be expanded. */
    static String quoted(String word) {
        if (word.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("a control character in '" + word.replaceAll("\\p{Cntrl}", "?")
                    + "' cannot go into a systemd unit");
        }
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%").replace("$", "$$") + "\"";
    }

    String current() throws IOException {
        return Files.exists(file()) ? Files.readString(file()) : "";
    }

    /** Writes the unit (through a private temp file), reloads systemd and enables it; null, or what failed. */
    String install(String text, Path stateDir) throws IOException, InterruptedException {
        Files.createDirectories(stateDir);
        Path staged = Files.createTempFile(stateDir, "unit", ".service",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(staged, text);
            for (List<String> step : List.of(
                    List.of("sudo", "-n", "install", "-m", "0644", "-o", "root", "-g", "root", staged.toString(),
                            file().toString()),
                    List.of("sudo", "-n", "systemctl", "daemon-reload"),
                    List.of("sudo", "-n", "systemctl", "enable", name()))) {
                String failure = ServiceCommand.run(step);
                if (failure != null) {
                    return failure + (failure.contains("sudo") ? " (writing a systemd unit needs root without a "
                            + "password prompt: allow this user sudo, or set cluster.service: process)" : "");
                }
            }
            return null;
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    List<String> start() {
        return List.of("sudo", "-n", "systemctl", "start", name());
    }

    List<String> stop() {
        return List.of("sudo", "-n", "systemctl", "stop", name());
    }

    /** {@code systemctl is-active} and {@code is-enabled}; as root, since without D-Bus only root reaches systemd. */
    Map<String, String> state() throws IOException, InterruptedException {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("unit", name());
        for (String question : List.of("is-active", "is-enabled")) {
            Process p = new ProcessBuilder("sudo", "-n", "systemctl", question, name()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String answer = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            state.put(question.substring(3), answer.isEmpty() ? "unknown" : answer);
        }
        return state;
    }
}

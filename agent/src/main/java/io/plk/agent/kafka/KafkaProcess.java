package io.plk.agent.kafka;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka JVM of one config file: found by its command line (so a broker started by hand is
 * found too), started detached in its own session so it outlives the SSH channel, stopped with
 * SIGTERM for a controlled shutdown.
 */
public final class KafkaProcess {
    private final Path configFile;
    private final Path stateDir;

    public KafkaProcess(Path configFile, Path stateDir) {
        this.configFile = configFile;
        this.stateDir = stateDir;
    }

    public Optional<ProcessHandle> running() {
        String config = configFile.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("kafka.Kafka") && c.contains(config))
                        .orElse(false))
                .findFirst();
    }

    private static final String STARTED_CONFIG = "started-config.sha256";

    /** The broker's JVM command line, the same detached or under systemd. */
    public List<String> command(String javaBinary, String kafkaHome, String heap, Path logDir) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Xms" + heap, "-Xmx" + heap,
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
                "-Dkafka.logs.dir=" + logDir));
        command.addAll(Logging.options(Path.of(kafkaHome), stateDir));
        command.addAll(List.of("-cp", Java.kafkaClassPath(kafkaHome), "kafka.Kafka", configFile.toString()));
        return command;
    }

    public ProcessHandle start(String javaBinary, String kafkaHome, String heap, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Files.createDirectories(stateDir);
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(command(javaBinary, kafkaHome, heap, logDir));
        Process process = new ProcessBuilder(command)
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("kafkaServer.out").toFile()))
                .start();
        recordStart(process.toHandle());
        return process.toHandle();
    }

    /** Which process runs which config, and one more start: however it was started (here, or by systemd for us). */
    public void recordStart(ProcessHandle process) throws IOException {
        Files.createDirectories(stateDir);
        Files.writeString(stateDir.resolve("kafka.pid"), process.pid() + "\n");
        Files.writeString(stateDir.resolve(STARTED_CONFIG), new ConfigFile(configFile).hash());
        Files.writeString(stateDir.resolve("starts"), Integer.toString(starts() + 1));
    }

    /**
     * Whether the running broker runs an older config than the file now holds: by the hash this agent
     * recorded when it started it, else (a broker started some other way) by the file's modification
     * time against the process start, which /proc gives to about a second.
     */
    public boolean runsOlderConfig(ProcessHandle process) throws IOException {
        Path recorded = stateDir.resolve(STARTED_CONFIG);
        if (Files.exists(recorded) && process.pid() == recordedPid()) {
            return !Files.readString(recorded).equals(new ConfigFile(configFile).hash());
        }
        var started = process.info().startInstant();
        return Files.exists(configFile) && started.isPresent()
                && Files.getLastModifiedTime(configFile).toInstant().isAfter(started.get().plusSeconds(2));
    }

    /** The Kafka home a running broker was started from: its class path is {@code <home>/libs/*}. */
    public static Optional<Path> home(ProcessHandle process) {
        String[] args = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if ((args[i].equals("-cp") || args[i].equals("-classpath")) && args[i + 1].endsWith("/libs/*")) {
                return Optional.of(Path.of(args[i + 1].substring(0, args[i + 1].length() - "/libs/*".length())));
            }
        }
        return Optional.empty();
    }

    private long recordedPid() throws IOException {
        Path pidFile = stateDir.resolve("kafka.pid");
        return Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).trim()) : -1;
    }

    /** How many times this agent started Kafka here: lets a test prove that a no-op apply restarted nothing. */
    public int starts() throws IOException {
        Path counter = stateDir.resolve("starts");
        return Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) : 0;
    }

    /** @return true when SIGTERM was not enough and the process had to be killed */
    public boolean stop(ProcessHandle process, Duration grace) throws InterruptedException {
        CompletableFuture<ProcessHandle> exited = process.onExit();
        process.destroy();
        try {
            exited.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            process.destroyForcibly();
            waitQuietly(exited);
            return true;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void waitQuietly(CompletableFuture<ProcessHandle> exited) throws InterruptedException {
        try {
            exited.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the Kafka process did not exit even after SIGKILL", e);
        }
    }
}

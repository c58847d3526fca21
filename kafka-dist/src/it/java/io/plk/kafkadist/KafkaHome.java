package io.plk.kafkadist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An unpacked Kafka archive ({@code kafka_2.13-VERSION/{bin,config,libs}}) and the ways our agent runs it. */
final class KafkaHome {

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private final Path dir;

    private KafkaHome(Path dir) {
        this.dir = dir;
    }

    /** Unpacks {@code kafka_2.13-VERSION.tgz} into {@code into} and checks it holds one top folder of the same name. */
    static KafkaHome unpack(Path archive, Path into) throws IOException, InterruptedException {
        String name = archive.getFileName().toString();
        if (!name.endsWith(".tgz")) {
            throw new IllegalArgumentException("not a .tgz archive: " + archive);
        }
        Result tar = run(into, Duration.ofSeconds(60),
                List.of("tar", "-xzf", archive.toString(), "-C", into.toString()));
        if (!tar.ok()) {
            throw new IOException("tar could not unpack " + archive + ": " + tar.output());
        }
        Path top = into.resolve(name.substring(0, name.length() - ".tgz".length()));
        if (!Files.isDirectory(top.resolve("libs"))) {
            throw new IOException(archive + " has no " + top.getFileName() + "/libs folder");
        }
        return new KafkaHome(top);
    }

    Path dir() {
        return dir;
    }

    Path libs() {
        return dir.resolve("libs");
    }

    /** The version in the folder name: kafka_2.13-4.1.1 gives 4.1.1. */
    String version() {
        String name = dir.getFileName().toString();
        return name.substring(name.indexOf('-') + 1);
    }

    /**
     * The system property that points the broker's logging at config/: Kafka 4 reads Log4j 2's
     * {@code log4j2.yaml}, Kafka 3 reads reload4j's {@code log4j.properties}.
     */
    String loggingOption() {
        Path log4j2 = dir.resolve("config/log4j2.yaml");
        if (Files.isRegularFile(log4j2)) {
            return "-Dlog4j2.configurationFile=" + log4j2;
        }
        return "-Dlog4j.configuration=file:" + dir.resolve("config/log4j.properties");
    }

    /** {@code java -cp "libs/*" CLASS ARGS}, as the agent runs the storage tool. */
    Result runClass(Path workDir, Duration timeout, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-cp", libs() + "/*", mainClass));
        command.addAll(List.of(args));
        return run(workDir, timeout, command);
    }

    /** One of the archive's own scripts in bin/, run with the JVM that runs this test. */
    Result runScript(Path workDir, Duration timeout, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(dir.resolve("bin").resolve(script).toString()));
        command.addAll(List.of(args));
        return run(workDir, timeout, command);
    }

    /** Starts {@code kafka.Kafka} the way the agent does; its console output goes to {@code console}. */
    Process startServer(Path serverProperties, Path logsDir, Path console) throws IOException {
        return new ProcessBuilder(JAVA.toString(), "-Xmx256m", "-Dkafka.logs.dir=" + logsDir, loggingOption(),
                "-cp", libs() + "/*", "kafka.Kafka", serverProperties.toString())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
    }

    private static Result run(Path workDir, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(workDir, "command", ".out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout
                    + "; it printed:\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}

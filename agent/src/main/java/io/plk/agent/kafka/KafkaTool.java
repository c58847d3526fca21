package io.plk.agent.kafka;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One of Kafka's own command-line tools, run from the broker's Kafka home like its scripts do. */
public final class KafkaTool {
    private final String java;
    private final String kafkaHome;

    public KafkaTool(String javaHome, String kafkaHome) {
        this.java = Java.binary(javaHome);
        this.kafkaHome = kafkaHome;
    }

    /** What the tool printed, and whether it exited 0 within the limit. */
    public record Outcome(boolean succeeded, String output) {
    }

    public Outcome run(String mainClass, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", Java.kafkaClassPath(kafkaHome),
                mainClass));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        return new Outcome(exited && process.exitValue() == 0, output.strip());
    }
}

package io.plk.agent.kafka;

import java.nio.file.Files;
import java.nio.file.Path;

/** Which java binary runs Kafka: the configured JAVA_HOME, else the one running this agent. */
public final class Java {
    private Java() {
    }

    public static String binary(String javaHome) {
        String home = javaHome != null ? javaHome : System.getProperty("java.home");
        Path java = Path.of(home, "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    /** The Apache layout: every jar in {@code libs/}, expanded by the JVM itself. */
    public static String kafkaClassPath(String kafkaHome) {
        return kafkaHome + "/libs/*";
    }
}

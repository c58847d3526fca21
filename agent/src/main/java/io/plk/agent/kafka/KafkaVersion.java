package io.plk.agent.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka release a cluster runs, read from Apache's archive name ({@code kafka_2.13-4.1.1.tgz}) or
 * from the {@code kafka-clients-<version>.jar} in an installed {@code libs/}.
 */
public record KafkaVersion(int major, int minor, int patch) implements Comparable<KafkaVersion> {
    private static final Pattern ARCHIVE = Pattern.compile("kafka_\\d+\\.\\d+-(\\d+)\\.(\\d+)\\.(\\d+)\\.(tgz|tar\\.gz)");
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    /** KIP-853: from 3.9 a combined node may (and from 4.0 should) advertise its CONTROLLER listener. */
    private static final KafkaVersion ADVERTISED_CONTROLLER = new KafkaVersion(3, 9, 0);

    public static Optional<KafkaVersion> ofArchive(String fileName) {
        return parse(ARCHIVE.matcher(fileName));
    }

    /** From an installed {@code libs/}: the kafka-clients jar's name carries the release. */
    public static Optional<KafkaVersion> ofLibs(Path libs) throws IOException {
        if (!Files.isDirectory(libs)) {
            return Optional.empty();
        }
        try (Stream<Path> jars = Files.list(libs)) {
            return jars.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("kafka-clients-") && n.endsWith(".jar"))
                    .map(n -> n.substring("kafka-clients-".length(), n.length() - ".jar".length()))
                    .findFirst().flatMap(KafkaVersion::ofRelease);
        }
    }

    public static Optional<KafkaVersion> ofRelease(String version) {
        return parse(RELEASE.matcher(version));
    }

    private static Optional<KafkaVersion> parse(Matcher m) {
        return m.matches() ? Optional.of(new KafkaVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)))) : Optional.empty();
    }

    /**
     * Whether the CONTROLLER listener belongs in {@code advertised.listeners}. Kafka 3.7 and 3.8 refuse it
     * on a node with the broker role; from 3.9 a voter that does not advertise it announces its wildcard
     * listener as its host name, and followers that take that endpoint from the leader cannot fetch.
     */
    public boolean advertisesController() {
        return compareTo(ADVERTISED_CONTROLLER) >= 0;
    }

    /** KIP-853's dynamic quorum ({@code controller.quorum.bootstrap.servers}) exists from 3.9. */
    public boolean hasDynamicQuorum() {
        return compareTo(ADVERTISED_CONTROLLER) >= 0;
    }

    @Override
    public int compareTo(KafkaVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}

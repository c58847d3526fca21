package io.plk.lab;

import java.nio.file.Path;

/**
 * How to start a lab.
 *
 * @param name          labels every container and network ({@code plk.lab=<name>}) and names the cluster
 * @param brokers       number of broker hosts, each in the next AZ (usw2-az1, -az2, -az3, -az1, ...)
 * @param workDir       where the SSH key and known_hosts go (created if missing)
 * @param keepAfterExit whether the containers outlive this JVM (for {@code lab up}; then
 *                      {@link Lab#down(String)} removes them)
 */
public record LabOptions(String name, int brokers, Path workDir, boolean keepAfterExit) {
    public LabOptions {
        if (!name.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("lab name '" + name + "' must be 1-32 characters a-z, 0-9 and '-'");
        }
        if (brokers < 1 || brokers > 9) {
            throw new IllegalArgumentException("a lab has 1 to 9 brokers, not " + brokers);
        }
    }

    public static LabOptions forTest(String name, Path workDir) {
        return new LabOptions(name, 3, workDir, false);
    }
}

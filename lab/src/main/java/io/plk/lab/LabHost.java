package io.plk.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

/** One container of the lab, with the few operations tests need: run, copy in, addresses. */
public final class LabHost {
    private final String role;
    private final GenericContainer<?> container;

    LabHost(String role, GenericContainer<?> container) {
        this.role = role;
        this.container = container;
    }

    /** e.g. {@code bastion}, {@code broker-1}, {@code load-balancer}, {@code client}. */
    public String role() {
        return role;
    }

    public String containerId() {
        return container.getContainerId();
    }

    /** Runs a command (as root) and returns its exit code and output. */
    public ExecResult exec(String... command) {
        try {
            Container.ExecResult r = container.execInContainer(command);
            return new ExecResult(r.getExitCode(), r.getStdout(), r.getStderr());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + " in " + role, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a command in " + role, e);
        }
    }

    /** Runs a bash script (as root); fails with its output when it exits non-zero. */
    public String sh(String script) {
        ExecResult r = exec("bash", "-c", script);
        if (!r.ok()) {
            throw new IllegalStateException(role + ": `" + script + "` exited " + r.exitCode() + ": "
                    + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip());
        }
        return r.stdout();
    }

    /** Restarts the container, as a reboot restarts an instance: whatever it runs at boot runs again. */
    public void reboot() {
        container.getDockerClient().restartContainerCmd(container.getContainerId()).exec();
    }

    /** Whether a TCP connection from this container to host:port succeeds within the timeout. */
    public boolean canConnect(String host, int port, Duration timeout) {
        long seconds = Math.max(1, timeout.toSeconds());
        return exec("timeout", Long.toString(seconds), "bash", "-c",
                "exec 3<>/dev/tcp/" + host + "/" + port).ok();
    }

    public void copyIn(Path file, String containerPath) {
        container.copyFileToContainer(MountableFile.forHostPath(file), containerPath);
    }

    public void copyIn(String content, String containerPath, int mode) {
        container.copyFileToContainer(Transferable.of(content.getBytes(StandardCharsets.UTF_8), mode), containerPath);
    }

    /** The container's address on a lab network (by network name). */
    public String ip(String network) {
        var networks = container.getCurrentContainerInfo().getNetworkSettings().getNetworks();
        var settings = networks.get(network);
        if (settings == null || settings.getIpAddress() == null || settings.getIpAddress().isEmpty()) {
            throw new IllegalStateException(role + " has no address on network " + network + " (it is on "
                    + networks.keySet() + ")");
        }
        return settings.getIpAddress();
    }

    @Override
    public String toString() {
        return role;
    }
}

package io.plk.agent.kafka;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.BadRequestException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How Kafka runs on this host. A host booted with systemd (Amazon Linux 2023, the runbook's AMI) gets a
 * unit the agent owns, so Kafka comes back after a reboot or a crash without the tool; a host without
 * it keeps a detached process; a cluster this tool did not install keeps its own start and stop commands.
 */
public enum ServiceMode {
    SYSTEMD, DETACHED, EXISTING;

    /** From the request's {@code serviceMode} (auto, systemd or process; absent is auto) and this host. */
    public static ServiceMode of(AgentRequest request) {
        if (request.serviceStart() != null) {
            return EXISTING;
        }
        String wanted = request.serviceMode() == null ? "auto" : request.serviceMode();
        return switch (wanted) {
            case "auto" -> systemdBooted() ? SYSTEMD : DETACHED;
            case "process" -> DETACHED;
            case "systemd" -> {
                if (!systemdBooted()) {
                    throw new BadRequestException("cluster.service is systemd but this host did not boot with "
                            + "systemd (no /run/systemd/system): write service: process, or auto");
                }
                yield SYSTEMD;
            }
            default -> throw new BadRequestException("serviceMode '" + wanted + "' is not auto, systemd or process");
        };
    }

    /** What sd_booted() checks: systemd is this host's init. */
    static boolean systemdBooted() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }
}

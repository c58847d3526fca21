package io.plk.agent.kafka;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The start or stop command of a cluster this tool did not install (a systemd unit, a script). */
final class ServiceCommand {
    private ServiceCommand() {
    }

    /** Runs it with sh; returns null on success, else what it printed. */
    static String run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return "'" + command + "' did not finish within 5 minutes";
        }
        return process.exitValue() == 0 ? null
                : "'" + command + "' exited " + process.exitValue() + ": " + output.strip();
    }
}

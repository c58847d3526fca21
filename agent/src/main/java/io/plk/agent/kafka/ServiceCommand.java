package io.plk.agent.kafka;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The start or stop command of a cluster this tool did not install (a systemd unit, a script): a program and
 * its arguments, run as they are, never through a shell.
 */
final class ServiceCommand {
    private ServiceCommand() {
    }

    /** Runs it; returns null on success, else what went wrong and what it printed. */
    static String run(List<String> argv) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            return describe(argv) + " could not be run: " + e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return describe(argv) + " did not finish within 5 minutes";
        }
        return process.exitValue() == 0 ? null
                : describe(argv) + " exited " + process.exitValue() + ": " + output.strip();
    }

    /** The words as the inventory lists them, e.g. {@code [sudo, systemctl, start, kafka]}. */
    static String describe(List<String> argv) {
        return argv.toString();
    }
}

package io.plk.orchestrator.ssh;

import java.io.IOException;

/** A remote command exited with a non-zero code; the message carries the tail of its stderr. */
public class CommandFailedException extends IOException {

    private final ExecResult result;

    public CommandFailedException(HostAddress host, String command, ExecResult result) {
        super("Command on " + host + " exited with " + result.exitCode() + ": " + command
                + tail(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        this.result = result;
    }

    public ExecResult result() {
        return result;
    }

    private static String tail(String output) {
        String[] lines = output.strip().split("\n");
        int from = Math.max(0, lines.length - 20);
        StringBuilder text = new StringBuilder();
        for (int i = from; i < lines.length; i++) {
            text.append("\n  | ").append(lines[i]);
        }
        return text.toString();
    }
}

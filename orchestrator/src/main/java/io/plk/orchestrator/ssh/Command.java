package io.plk.orchestrator.ssh;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A remote command and how to run it.
 *
 * @param line    the command line, run by the remote login shell
 * @param stdin   bytes written to its standard input, then end of file; empty for none
 * @param timeout limit for the whole command; null means the settings' command timeout
 * @param output  receives each output line (stdout and stderr) prefixed with {@code [host] }; null for none
 */
public record Command(String line, byte[] stdin, Duration timeout, Consumer<String> output) {

    public Command {
        Objects.requireNonNull(line, "line");
        stdin = stdin == null ? new byte[0] : stdin;
    }

    public static Command of(String line) {
        return new Command(line, null, null, null);
    }

    public Command withStdin(byte[] bytes) {
        return new Command(line, bytes, timeout, output);
    }

    public Command withTimeout(Duration limit) {
        return new Command(line, stdin, limit, output);
    }

    public Command streamingTo(Consumer<String> lines) {
        return new Command(line, stdin, timeout, lines);
    }
}

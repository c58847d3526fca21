package io.plk.orchestrator.ssh;

/**
 * What a remote command did.
 *
 * @param host     where it ran
 * @param command  the command line
 * @param exitCode its exit status; -1 if it was killed by a signal
 * @param stdout   its standard output, UTF-8
 * @param stderr   its standard error, UTF-8
 */
public record ExecResult(HostAddress host, String command, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this result if the command exited with 0, else throws with the tail of its output. */
    public ExecResult requireSuccess() throws CommandFailedException {
        if (!succeeded()) {
            throw new CommandFailedException(host, command, this);
        }
        return this;
    }
}

package io.plk.lab;

/** What a command run inside a lab container returned. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}

package io.plk.orchestrator.ssh;

/** Quoting for command lines run by the remote POSIX shell. */
public final class Shell {

    private Shell() {
    }

    /** Wraps a value in single quotes so the shell passes it through as one literal word. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}

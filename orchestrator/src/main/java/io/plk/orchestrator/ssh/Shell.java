package io.plk.orchestrator.ssh;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Command lines for the remote POSIX shell, built from quoted words only: an inventory value is
 * always one literal argument, whatever quotes, {@code $(...)}, backticks or line breaks it holds.
 */
public final class Shell {

    private Shell() {
    }

    /** Wraps a value in single quotes so the shell passes it through as one literal word. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Each word quoted, joined by spaces: {@code line("mkdir", "-p", "--", dir)}. */
    public static String line(String... words) {
        return Arrays.stream(words).map(Shell::quote).collect(Collectors.joining(" "));
    }

    /**
     * A shell snippet written in code, each {@code {}} replaced by the next value, quoted:
     * {@code format("test -x {}/bin/java || mkdir -p {}", home, home)}.
     */
    public static String format(String snippet, String... values) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (String value : values) {
            int at = snippet.indexOf("{}", from);
            if (at < 0) {
                throw new IllegalArgumentException("more values than {} in: " + snippet);
            }
            out.append(snippet, from, at).append(quote(value));
            from = at + 2;
        }
        if (snippet.indexOf("{}", from) >= 0) {
            throw new IllegalArgumentException("fewer values than {} in: " + snippet);
        }
        return out.append(snippet.substring(from)).toString();
    }
}

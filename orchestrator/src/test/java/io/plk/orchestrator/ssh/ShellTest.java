package io.plk.orchestrator.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real bash receives every hostile value as exactly the one argument it was. */
class ShellTest {
    private static final String[] HOSTILE = {
        "/opt/jdk 17; touch x", "it's", "'", "\"double\"", "$(touch /tmp/plk-shell-test)", "`id`", "a\nb",
        "$HOME", "*", "-rf", "back\\slash", "", "tab\there", "semi;colon|pipe&amp>redirect<", "{a,b}", "~",
    };

    @Test
    void lineKeepsEveryWordIntact() throws Exception {
        List<String> words = new ArrayList<>(List.of("printf", "%s\\0"));
        words.addAll(Arrays.asList(HOSTILE));
        assertEquals(Arrays.asList(HOSTILE), bash(Shell.line(words.toArray(String[]::new))));
    }

    @Test
    void formatQuotesEveryValueOfASnippet() throws Exception {
        for (String hostile : HOSTILE) {
            assertEquals(List.of(hostile + "/bin/java", hostile),
                    bash(Shell.format("printf '%s\\0' {}/bin/java {}", hostile, hostile)));
        }
        assertThrows(IllegalArgumentException.class, () -> Shell.format("echo {}"));
        assertThrows(IllegalArgumentException.class, () -> Shell.format("echo", "x"));
    }

    private static List<String> bash(String line) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        List<String> args = new ArrayList<>(Arrays.asList(out.split("\0", -1)));
        args.remove(args.size() - 1);
        return args;
    }
}

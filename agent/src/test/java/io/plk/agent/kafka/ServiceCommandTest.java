package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service command is a program and its arguments: no word of it reaches a shell. */
class ServiceCommandTest {
    @TempDir
    Path dir;

    @Test
    void argumentsWithShellSyntaxArePassedLiterally() throws Exception {
        String semicolon = dir + "/a; echo injected";
        String substitution = dir + "/$(echo substituted)";
        assertNull(ServiceCommand.run(List.of("touch", semicolon, substitution)));
        assertTrue(Files.exists(Path.of(semicolon)), "one file, named with the ';' in it");
        assertTrue(Files.exists(Path.of(substitution)), "one file, named with the '$(...)' in it");
        assertFalse(Files.exists(dir.resolve("a")), "a shell would have cut the word at the ';'");
        assertFalse(Files.exists(dir.resolve("substituted")), "a shell would have substituted $(...)");
    }

    @Test
    void aFailureSaysWhichCommandAndWhatItPrinted() throws Exception {
        String failure = ServiceCommand.run(List.of("ls", dir + "/missing && echo $HOME"));
        assertTrue(failure.startsWith("[ls, " + dir + "/missing && echo $HOME] exited "), failure);
        assertTrue(failure.contains("No such file"), failure);
    }

    @Test
    void aProgramThatDoesNotExistIsReportedNotThrown() throws Exception {
        String failure = ServiceCommand.run(List.of(dir + "/no-such-script", "start"));
        assertEquals(0, failure.indexOf("[" + dir + "/no-such-script, start] could not be run"), failure);
    }
}

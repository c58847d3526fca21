package io.plk.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"validate", "render", "plan", "apply", "rolling-restart", "set-unique-name", "status",
        "verify", "accept-connections", "destroy"})
    void everySubcommandsHelpPrintsItsUsageAndExitsZero(String command) {
        assertTrue(new CommandLine(new Main()).getSubcommands().containsKey(command), command);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            assertEquals(0, Main.execute(command, "--help"));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Usage: orchestrator.jar " + command), text);
        assertFalse(text.contains("Missing"), text);
    }
}

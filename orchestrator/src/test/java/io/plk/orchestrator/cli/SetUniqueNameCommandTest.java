package io.plk.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SetUniqueNameCommandTest {
    private static final Path INVENTORY = Path.of("src/test/resources/inventories/runbook.yaml");

    @Test
    void aNameThatIsNoDnsLabelIsRefusedBeforeTheInventoryIsWritten() throws Exception {
        byte[] before = Files.readAllBytes(INVENTORY);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("set-unique-name", INVENTORY.toString(), "Not_A_Label");
        } finally {
            System.setErr(systemErr);
        }
        assertEquals(Main.BAD_INPUT, code);
        assertEquals("'Not_A_Label' is not a DNS label: use 1-63 characters a-z, 0-9 and '-', not starting or ending"
                + " with '-'. Copy it from the domain *.<az_id>.<unique_name>.aws...",
                err.toString(StandardCharsets.UTF_8).strip());
        assertArrayEquals(before, Files.readAllBytes(INVENTORY));
    }
}

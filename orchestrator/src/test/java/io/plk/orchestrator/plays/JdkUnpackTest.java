package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpack line, run by a real bash on a small JDK-shaped archive. */
class JdkUnpackTest {
    @TempDir
    Path dir;
    private Path archive;

    @BeforeEach
    void smallJdk() throws Exception {
        Path jdk = Files.createDirectories(dir.resolve("src/jdk-17/bin"));
        Files.writeString(jdk.resolve("java"), "#!/bin/sh\n");
        jdk.resolve("java").toFile().setExecutable(true);
        archive = dir.resolve("jdk.tar.gz");
        assertEquals(0, new ProcessBuilder("tar", "-czf", archive.toString(), "-C", dir.resolve("src").toString(),
                "jdk-17").start().waitFor());
    }

    @Test
    void aMatchingSha512UnpacksOnceThenReportsOk() throws Exception {
        Path home = dir.resolve("home dir/jdk");
        assertEquals("changed", bash(JdkUnpack.command(home.toString(), archive.toString(), sha512(archive))));
        assertTrue(Files.isExecutable(home.resolve("bin/java")));
        assertEquals("ok", bash(JdkUnpack.command(home.toString(), archive.toString(), sha512(archive))));
    }

    @Test
    void aWrongSha512FailsAndUnpacksNothing() throws Exception {
        Path home = dir.resolve("jdk");
        String wrong = "0".repeat(128);
        assertEquals("exit 1", bash(JdkUnpack.command(home.toString(), archive.toString(), wrong)));
        assertFalse(Files.exists(home), "nothing unpacked");
    }

    @Test
    void withoutSha512ItUnpacks() throws Exception {
        Path home = dir.resolve("jdk");
        assertEquals("changed", bash(JdkUnpack.command(home.toString(), archive.toString(), null)));
    }

    private static String bash(String line) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", line).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = p.waitFor();
        return exit == 0 ? out : "exit " + exit;
    }

    private static String sha512(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(file)));
    }
}

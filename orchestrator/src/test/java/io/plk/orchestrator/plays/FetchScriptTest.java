package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.artifacts.StagingServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch.sh, as a broker runs it (bash -s with the token on stdin), against the real staging server. */
class FetchScriptTest {
    private static final String TOKEN = "dGhpcyBhcHBseSdzIHRva2VuIG9mIDMyIGJ5dGVz";

    @TempDir
    Path bastion;
    @TempDir
    Path broker;

    @Test
    void fetchesWithTheTokenFromStdinAndFailsWithAnother() throws Exception {
        byte[] kafka = "kafka archive bytes".getBytes(StandardCharsets.UTF_8);
        Files.write(bastion.resolve("kafka.tgz"), kafka);
        String pair = "kafka.tgz=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(kafka));
        try (StagingServer server = StagingServer.start("127.0.0.1", 0, bastion, TOKEN, List.of("kafka.tgz"))) {
            String port = String.valueOf(server.address().getPort());
            Process wrong = fetch(Staging.script(TOKEN.replace('d', 'e')), port, pair);
            assertEquals(1, wrong.waitFor());
            assertTrue(new String(wrong.getErrorStream().readAllBytes()).contains("403"));
            assertFalse(Files.exists(broker.resolve("kafka.tgz")));

            Process right = fetch(Staging.script(TOKEN), port, pair);
            assertEquals(0, right.waitFor(), new String(right.getErrorStream().readAllBytes()));
            assertArrayEquals(kafka, Files.readAllBytes(broker.resolve("kafka.tgz")));
        }
    }

    private Process fetch(byte[] script, String port, String pair) throws IOException {
        Process bash = new ProcessBuilder("bash", "-s", "--", "127.0.0.1", port, broker.toString(), pair).start();
        bash.getOutputStream().write(script);
        bash.getOutputStream().close();
        return bash;
    }
}

package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.plk.orchestrator.inventory.Artifact;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apache's published {@code .sha512} files: both formats, and fetched from a local server standing for Apache. */
class PublishedChecksumTest {
    private static final String NAME = "kafka_2.13-3.7.1.tgz";
    private static final byte[] ARCHIVE = "a fake kafka archive".getBytes(StandardCharsets.UTF_8);
    private static final String HEX = sha512(ARCHIVE);

    @TempDir
    Path bastion;
    private HttpServer server;

    @BeforeEach
    void apacheMirror() throws IOException {
        String otherHex = sha512("some other bytes".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> files = Map.of(
                "/good/" + NAME, ARCHIVE,
                "/good/" + NAME + ".sha512", (HEX + "  " + NAME + "\n").getBytes(StandardCharsets.UTF_8),
                "/bad/" + NAME, ARCHIVE,
                "/bad/" + NAME + ".sha512", gpgStyle(NAME, otherHex).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void parsesTheSha512sumFormat() {
        assertEquals(HEX, PublishedChecksum.parse(HEX.toUpperCase() + "  " + NAME + "\n", NAME));
        assertEquals(HEX, PublishedChecksum.parse(HEX + " *" + NAME, NAME));
        assertEquals(HEX, PublishedChecksum.parse(HEX + "\n", NAME));
    }

    @Test
    void parsesTheGpgFormatWrappedOverLines() {
        assertEquals(HEX, PublishedChecksum.parse(gpgStyle(NAME, HEX), NAME));
    }

    @Test
    void refusesAnotherFilesChecksumOrNoChecksum() {
        var other = assertThrows(IllegalArgumentException.class,
                () -> PublishedChecksum.parse(HEX + "  kafka_2.13-3.7.0.tgz", NAME));
        assertTrue(other.getMessage().contains("kafka_2.13-3.7.0.tgz"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PublishedChecksum.parse("<html>Not Found</html>", NAME));
        assertThrows(IllegalArgumentException.class, () -> PublishedChecksum.parse(NAME + ": ABCD 1234", NAME));
    }

    @Test
    void onlyApacheHttpsArchivesWithoutSha512HaveOne() {
        String url = "https://archive.apache.org/dist/kafka/3.7.1/" + NAME;
        assertEquals(Optional.of(URI.create(url + ".sha512")), PublishedChecksum.url(new Artifact(url, null)));
        assertTrue(PublishedChecksum.url(new Artifact("https://dlcdn.apache.org/kafka/3.7.1/" + NAME, null))
                .isPresent());
        assertTrue(PublishedChecksum.url(new Artifact("https://downloads.apache.org/kafka/3.7.1/" + NAME, null))
                .isPresent());
        assertEquals(Optional.empty(), PublishedChecksum.url(new Artifact(url, HEX)));
        assertEquals(Optional.empty(), PublishedChecksum.url(new Artifact("https://mirror.example.com/" + NAME, null)));
        assertEquals(Optional.empty(), PublishedChecksum.url(new Artifact("/srv/" + NAME, null)));
    }

    @Test
    void aDownloadMatchingThePublishedChecksumIsStaged() throws Exception {
        Artifact archive = published("/good/" + NAME);
        assertEquals(HEX, archive.sha512());
        Path target = bastion.resolve("stage/" + NAME);
        assertEquals(0, bash(Staging.download(archive, target.toString())));
        assertTrue(Files.exists(target));
    }

    @Test
    void aDownloadNotMatchingThePublishedChecksumIsRefused() throws Exception {
        Artifact archive = published("/bad/" + NAME);
        Path target = bastion.resolve("stage/" + NAME);
        assertEquals(1, bash(Staging.download(archive, target.toString())));
        assertFalse(Files.exists(target), "nothing staged");
    }

    @Test
    void aMissingChecksumStopsNamingItsUrlAndTheFix() {
        URI missing = URI.create(base() + "/missing/" + NAME + ".sha512");
        var e = assertThrows(PlayFailedException.class, () -> PublishedChecksum.fetch(missing, NAME));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cluster.kafka.sha512:"), e.getMessage());
    }

    private Artifact published(String path) {
        String url = base() + path;
        return new Artifact(url, PublishedChecksum.fetch(URI.create(url + ".sha512"), NAME));
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** As {@code gpg --print-md SHA512} writes it: upper-case groups of 8, wrapped with an indent. */
    private static String gpgStyle(String name, String hex) {
        StringBuilder out = new StringBuilder(name + ":");
        for (int i = 0; i < hex.length(); i += 8) {
            out.append(i == 64 ? "\n" + " ".repeat(name.length() + 1) : "").append(' ')
                    .append(hex.substring(i, i + 8).toUpperCase());
        }
        return out.append('\n').toString();
    }

    private static int bash(String line) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static String sha512(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

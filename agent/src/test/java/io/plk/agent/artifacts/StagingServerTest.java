package io.plk.agent.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.plk.agent.protocol.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bastion's staging server, in-process, spoken to the way fetch.sh speaks: one raw HTTP/1.0 request. */
class StagingServerTest {
    private static final String TOKEN = "Q2hhbmdlIG1lIGJ1dCBrZWVwIGl0IGxvbmc";
    private static final byte[] KAFKA = "the kafka archive".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private StagingServer server;

    @BeforeEach
    void stage() throws IOException {
        Files.write(dir.resolve("kafka.tgz"), KAFKA);
        Files.writeString(dir.resolve("other.tgz"), "staged by another apply");
        Files.writeString(dir.resolve(".kafka.tgz.sha256"), "a marker");
        Files.writeString(dir.resolve("secret.pem"), "-----BEGIN KEY-----");
        Files.createSymbolicLink(dir.resolve("linked.tgz"), dir.resolve("secret.pem"));
        server = StagingServer.start("127.0.0.1", 0, dir, TOKEN,
                List.of("kafka.tgz", "linked.tgz", "missing.tgz"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesAManifestFileUnderTheToken() throws IOException {
        Answer answer = get("/" + TOKEN + "/kafka.tgz");
        assertEquals(200, answer.status);
        assertArrayEquals(KAFKA, answer.body);
    }

    @Test
    void refusesAWrongOrMissingTokenWithoutBytes() throws IOException {
        for (String path : List.of("/kafka.tgz", "/" + TOKEN.substring(1) + "/kafka.tgz",
                "/" + TOKEN + "X/kafka.tgz", "/", "/" + TOKEN.toLowerCase() + "/kafka.tgz",
                "/x/" + TOKEN + "/kafka.tgz")) {
            assertRefused(403, path);
        }
    }

    @Test
    void refusesEverythingOutsideTheManifestWithoutBytes() throws IOException {
        for (String name : List.of("other.tgz", ".kafka.tgz.sha256", "secret.pem", "linked.tgz", "missing.tgz",
                "", "../kafka.tgz", "./kafka.tgz", "%2e%2e/" + dir.getFileName() + "/kafka.tgz", "kafka.tgz/",
                "sub/../kafka.tgz", "kafka.tgz%00")) {
            assertRefused(404, "/" + TOKEN + "/" + name);
        }
        assertRefused(404, "/" + TOKEN + "/../" + TOKEN + "/secret.pem");
    }

    @Test
    void bindsTheAddressItIsGivenOnly() throws IOException {
        InetSocketAddress bound = server.address();
        assertEquals("127.0.0.1", bound.getAddress().getHostAddress());
        // every 127/8 address is this host: a server on 0.0.0.0 would answer on 127.0.0.2 too
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.2", bound.getPort()).close());
    }

    @Test
    void refusesTheWildcardAShortTokenADotfileInTheManifestAndAHostName() {
        assertThrows(BadRequestException.class, () -> StagingServer.start("0.0.0.0", 0, dir, TOKEN, List.of()));
        assertThrows(BadRequestException.class, () -> StagingServer.start("::", 0, dir, TOKEN, List.of()));
        assertThrows(BadRequestException.class, () -> StagingServer.start("localhost", 0, dir, TOKEN, List.of()));
        assertThrows(BadRequestException.class, () -> StagingServer.start("127.0.0.1", 0, dir, "short", List.of()));
        assertThrows(BadRequestException.class,
                () -> StagingServer.start("127.0.0.1", 0, dir, TOKEN, List.of(".kafka.tgz.sha256")));
        assertThrows(BadRequestException.class,
                () -> StagingServer.start("127.0.0.1", 0, dir, TOKEN, List.of("../secret.pem")));
    }

    private void assertRefused(int status, String path) throws IOException {
        Answer answer = get(path);
        assertEquals(status, answer.status, path);
        assertEquals(0, answer.body.length, path);
    }

    private record Answer(int status, byte[] body) {
    }

    private Answer get(String path) throws IOException {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: bastion\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int headersEnd = response.indexOf("\r\n\r\n");
            int status = Integer.parseInt(response.split(" ", 3)[1]);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(response.substring(headersEnd + 4).getBytes(StandardCharsets.ISO_8859_1));
            return new Answer(status, body.toByteArray());
        }
    }
}

package io.plk.orchestrator.aws;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A real {@code moto_server} (AWS emulator) on a free loopback port for the test class, reset
 * before each test. Fails the tests with a clear message when {@code moto_server} is not on PATH.
 */
final class MotoServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private URI endpoint;

    URI endpoint() {
        return endpoint;
    }

    /** Clients for moto with fake credentials and no SDK retries (moto answers 500 for what it lacks). */
    AwsClients clients(AwsSpec spec, ExecutionInterceptor... interceptors) {
        return AwsClients.create(spec, StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                1, List.of(interceptors));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path binary = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "moto_server")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("moto_server is not on PATH; these tests need the AWS"
                        + " emulator moto 5.2.x (pip install 'moto[server]==5.2.1')"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server", ".log");
        process = new ProcessBuilder(binary.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                var response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("moto_server did not answer on " + endpoint + "/moto-api/ ("
                        + (process.isAlive() ? "timeout" : "exited") + "); its log:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        var response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("moto reset failed: " + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

package io.plk.agent.artifacts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.BadRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Runs on the bastion while an apply runs: serves the staged artifacts over HTTP inside the VPC so
 * that each crosses the operator's link once. Lives exactly as long as the SSH channel that started
 * it: it stops when its stdin closes.
 *
 * <p>Anyone in the VPC can reach the port, so it answers {@code GET /<token>/<name>} only: on the
 * one private address it is given, with this apply's random token, for the file names of this
 * apply's manifest, and only when the file is a regular file, not a symlink. Anything else gets
 * 403 (wrong token) or 404 and no bytes.
 */
public final class StagingServer implements AutoCloseable {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{32,}");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Path dir;
    private final byte[] prefix;
    private final Set<String> manifest;

    private StagingServer(InetSocketAddress address, Path dir, String token, List<String> manifest)
            throws IOException {
        this.dir = dir;
        this.prefix = ("/" + token + "/").getBytes(StandardCharsets.US_ASCII);
        this.manifest = Set.copyOf(manifest);
        server = HttpServer.create(address, 16);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Serves {@code manifest}'s files of {@code dir} on {@code address} (a literal IP, never the
     * wildcard) under {@code /<token>/}.
     */
    public static StagingServer start(String address, int port, Path dir, String token, List<String> manifest)
            throws IOException {
        InetAddress bind = literalAddress(address);
        if (!TOKEN.matcher(token).matches()) {
            throw new BadRequestException("serveToken must be at least 32 characters of [A-Za-z0-9_-]");
        }
        for (String name : manifest) {
            if (!FILE_NAME.matcher(name).matches()) {
                throw new BadRequestException("serveFiles holds '" + name + "': plain file names only, no dotfiles");
            }
        }
        return new StagingServer(new InetSocketAddress(bind, port), dir, token, manifest);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The {@code serve} agent command: serves until stdin closes. */
    public static AgentResult serveUntilEof(AgentRequest request, InputStream stdin, PrintStream out)
            throws IOException {
        Path dir = Path.of(request.require(request.serveDir(), "serveDir"));
        int port = request.servePort() == null ? 0 : request.servePort();
        try (StagingServer server = start(request.require(request.serveAddress(), "serveAddress"), port, dir,
                request.require(request.serveToken(), "serveToken"), request.require(request.serveFiles(),
                        "serveFiles"))) {
            String where = server.address().getAddress().getHostAddress() + ":" + server.address().getPort();
            out.println(io.plk.agent.AgentMain.toJson(AgentResult.changed("serve", "serving "
                    + server.manifest.size() + " files of " + dir + " on " + where, Map.of("port",
                    server.address().getPort()))));
            out.flush();
            while (stdin.read() >= 0) {
                // the orchestrator keeps this channel open for as long as brokers need the files
            }
            return AgentResult.ok("serve", "stopped serving " + dir + " on " + where, Map.of());
        }
    }

    private static InetAddress literalAddress(String address) {
        if (!address.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new BadRequestException("serveAddress must be an IP address, not '" + address + "'");
        }
        try {
            InetAddress bind = InetAddress.getByName(address);
            if (bind.isAnyLocalAddress()) {
                throw new BadRequestException("serveAddress must be the bastion's private address, not " + address);
            }
            return bind;
        } catch (UnknownHostException e) {
            throw new BadRequestException("serveAddress must be an IP address, not '" + address + "'");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] raw = path.getBytes(StandardCharsets.US_ASCII);
            if (!"GET".equals(exchange.getRequestMethod()) || raw.length < prefix.length
                    || !MessageDigest.isEqual(Arrays.copyOf(raw, prefix.length), prefix)) {
                exchange.sendResponseHeaders(403, -1);
                return;
            }
            String name = path.substring(prefix.length);
            if (!manifest.contains(name) || !Files.isRegularFile(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            Path file = dir.resolve(name);
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

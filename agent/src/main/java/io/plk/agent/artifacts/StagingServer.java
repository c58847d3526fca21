package io.plk.agent.artifacts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Runs on the bastion while an apply runs: serves the staged artifacts over HTTP inside the VPC so
 * that each crosses the operator's link once. Lives exactly as long as the SSH channel that started
 * it: it stops when its stdin closes.
 */
public final class StagingServer {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public AgentResult serve(AgentRequest request, InputStream stdin, PrintStream out) throws IOException {
        Path dir = Path.of(request.require(request.serveDir(), "serveDir"));
        int port = request.servePort() == null ? 0 : request.servePort();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> handle(dir, exchange));
        server.start();
        int bound = server.getAddress().getPort();
        out.println(io.plk.agent.AgentMain.toJson(AgentResult.changed("serve", "serving " + dir + " on port " + bound,
                Map.of("port", bound))));
        out.flush();
        try {
            while (stdin.read() >= 0) {
                // the orchestrator keeps this channel open for as long as brokers need the files
            }
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
        return AgentResult.ok("serve", "stopped serving " + dir, Map.of("port", bound));
    }

    private static void handle(Path dir, HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        Path file = dir.resolve(name);
        if (!"GET".equals(exchange.getRequestMethod()) || !FILE_NAME.matcher(name).matches()
                || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream body = exchange.getResponseBody()) {
            Files.copy(file, body);
        }
    }
}

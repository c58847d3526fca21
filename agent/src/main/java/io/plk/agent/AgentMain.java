package io.plk.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.health.HealthCommand;
import io.plk.agent.kafka.Configurer;
import io.plk.agent.kafka.FactsCollector;
import io.plk.agent.kafka.Installer;
import io.plk.agent.kafka.Starter;
import io.plk.agent.kafka.Stopper;
import io.plk.agent.kafka.StorageFormatter;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.BadRequestException;
import io.plk.agent.verify.RoundTrip;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -jar agent.jar <command>}: one JSON request on stdin, one JSON result on stdout, logs
 * on stderr. Exit 0 for ok/changed, 1 for failed, 2 for a request it cannot act on.
 */
public final class AgentMain {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    static final Map<String, Command> COMMANDS = new TreeMap<>(Map.of(
            "facts", r -> new FactsCollector().facts(r),
            "install", r -> new Installer().install(r),
            "configure", r -> new Configurer().configure(r),
            "format", r -> new StorageFormatter().format(r),
            "start", r -> new Starter().start(r),
            "stop", r -> new Stopper().stop(r),
            "health", r -> new HealthCommand().health(r),
            "verify", r -> new RoundTrip().verify(r)));

    private AgentMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        System.setOut(System.err);
        int exit = run(args, System.in.readAllBytes(), out);
        out.flush();
        System.exit(exit);
    }

    static int run(String[] args, byte[] stdin, PrintStream out) throws IOException {
        String name = args.length == 1 ? args[0] : "";
        AgentResult result;
        int exit;
        try {
            Command command = COMMANDS.get(name);
            if (command == null) {
                throw new BadRequestException("usage: agent <" + String.join("|", COMMANDS.keySet()) + ">");
            }
            AgentRequest request = stdin.length == 0 ? JSON.readValue("{}", AgentRequest.class)
                    : JSON.readValue(stdin, AgentRequest.class);
            result = command.run(request);
            exit = result.isFailed() ? 1 : 0;
        } catch (BadRequestException | com.fasterxml.jackson.core.JacksonException e) {
            result = AgentResult.failed(name, "bad request: " + e.getMessage(), Map.of());
            exit = 2;
        } catch (Exception e) {
            result = AgentResult.failed(name, e.getClass().getSimpleName() + ": " + e.getMessage(), Map.of());
            exit = 1;
        }
        out.println(JSON.writeValueAsString(result));
        return exit;
    }
}

package io.plk.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.artifacts.StagingServer;
import io.plk.agent.auth.ScramUsers;
import io.plk.agent.health.HealthCommand;
import io.plk.agent.kafka.Configurer;
import io.plk.agent.kafka.FactsCollector;
import io.plk.agent.kafka.FeatureLevels;
import io.plk.agent.kafka.Installer;
import io.plk.agent.kafka.Patcher;
import io.plk.agent.kafka.Starter;
import io.plk.agent.kafka.Stopper;
import io.plk.agent.kafka.StorageFormatter;
import io.plk.agent.kafka.UnitWriter;
import io.plk.agent.kafka.VersionGuard;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.BadRequestException;
import io.plk.agent.scalein.AddVoterCommand;
import io.plk.agent.scalein.ReassignCommand;
import io.plk.agent.scalein.RemoveVoterCommand;
import io.plk.agent.scalein.UnregisterCommand;
import io.plk.agent.verify.AdvertisedListeners;
import io.plk.agent.verify.ExternalAccess;
import io.plk.agent.verify.RoundTrip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -jar agent.jar <command>}: one JSON request on stdin, one JSON result on stdout, logs
 * on stderr. Exit 0 for ok/changed, 1 for failed, 2 for a request it cannot act on.
 */
public final class AgentMain {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static final Map<String, Command> STEPS = Map.ofEntries(
            Map.entry("facts", r -> new FactsCollector().facts(r)),
            Map.entry("install", r -> new Installer().install(r)),
            Map.entry("configure", r -> new Configurer().configure(r)),
            Map.entry("service", r -> new UnitWriter().ensure(r)),
            Map.entry("patch", r -> new Patcher().patch(r)),
            Map.entry("format", r -> new StorageFormatter().format(r)),
            Map.entry("start", r -> new Starter().start(r)),
            Map.entry("stop", r -> new Stopper().stop(r)),
            Map.entry("health", r -> new HealthCommand().health(r)),
            Map.entry("verify", r -> new RoundTrip().verify(r)),
            Map.entry("advertised", r -> new AdvertisedListeners().advertised(r)),
            Map.entry("access", r -> new ExternalAccess().access(r)),
            Map.entry("users", r -> new ScramUsers().ensure(r)),
            Map.entry("features", r -> new FeatureLevels().features(r)),
            Map.entry("versions", r -> new VersionGuard().check(r)),
            Map.entry("reassign", r -> new ReassignCommand().reassign(r)),
            Map.entry("unregister", r -> new UnregisterCommand().unregister(r)),
            Map.entry("removeVoter", r -> new RemoveVoterCommand().removeVoter(r)),
            Map.entry("addVoter", r -> new AddVoterCommand().addVoter(r)));
    private static final Map<String, Command> COMMANDS = new TreeMap<>(STEPS);

    static {
        COMMANDS.put("converge", r -> new Converge(STEPS).run(r));
    }

    private AgentMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        System.setOut(System.err);
        int exit = run(args, System.in, out);
        out.flush();
        System.exit(exit);
    }

    /** Reads one JSON request; only {@code serve} reads stdin further (until it closes). */
    static int run(String[] args, InputStream stdin, PrintStream out) throws IOException {
        String name = args.length == 1 ? args[0] : "";
        AgentResult result;
        int exit;
        try {
            Command command = COMMANDS.get(name);
            if (command == null && !name.equals("serve")) {
                throw new BadRequestException("usage: agent <" + String.join("|", COMMANDS.keySet()) + "|serve>");
            }
            AgentRequest request = JSON.readerFor(AgentRequest.class)
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(firstJsonValue(stdin));
            result = command == null ? StagingServer.serveUntilEof(request, stdin, out) : command.run(request);
            exit = result.isFailed() ? 1 : 0;
        } catch (BadRequestException | com.fasterxml.jackson.core.JacksonException e) {
            result = AgentResult.failed(name, "bad request: " + e.getMessage(), Map.of());
            exit = 2;
        } catch (Exception e) {
            result = AgentResult.failed(name, e.getClass().getSimpleName() + ": " + e.getMessage(), Map.of());
            exit = 1;
        }
        out.println(toJson(result));
        return exit;
    }

    public static String toJson(AgentResult result) throws IOException {
        return JSON.writeValueAsString(result);
    }

    /** The request is one line of JSON; reading stops there so {@code serve} can watch stdin for EOF. */
    private static String firstJsonValue(InputStream stdin) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = stdin.read()) >= 0 && c != '\n'; ) {
            line.write(c);
        }
        String json = line.toString(StandardCharsets.UTF_8);
        return json.isBlank() ? "{}" : json;
    }
}

package io.plk.orchestrator.plays;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Kafka home of an {@code existing:} cluster that the inventory does not name, read from the running
 * {@code kafka.Kafka} process of each broker's config file: its class path points into {@code <home>/libs}.
 * A broker where no such process runs cannot tell; then the inventory must say.
 */
public final class KafkaHomes {
    /** Every kafka.Kafka command line, one argument a line, each followed by a line {@code --}. */
    static final String LIST_KAFKA_PROCESSES = "for p in /proc/[0-9]*; do tr '\\0' '\\n' < \"$p/cmdline\" 2>/dev/null"
            + " | grep -qx kafka.Kafka && { tr '\\0' '\\n' < \"$p/cmdline\"; echo --; }; done; true";

    private KafkaHomes() {
    }

    /** The plan with the homes found; a broker without a running Kafka is bad input (nothing was changed). */
    public static Plan discover(Plan plan, Fleet fleet) {
        return plan.withKafkaHomes(resolve(fleet.each(plan.brokers().stream()
                .filter(b -> b.paths().kafkaHome() == null).toList(), broker -> fromProcesses(
                        fleet.broker(broker).exec(LIST_KAFKA_PROCESSES).requireSuccess().stdout(),
                        broker.paths().configFile()))));
    }

    /** The home found on each broker by node id, or bad input naming the brokers where none was. */
    static Map<Integer, String> resolve(Map<BrokerPlan, Optional<String>> found) {
        List<String> unknown = found.entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(e -> e.getKey().label()).toList();
        if (!unknown.isEmpty()) {
            throw new BadInputException("existing.kafkaHome is not set and no kafka.Kafka process runs with its config "
                    + "file on " + String.join(", ", unknown) + ", so its Kafka home cannot be read from it: write "
                    + "existing.kafkaHome (the folder with libs/, e.g. /opt/kafka) into the inventory");
        }
        return found.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().nodeId(), e -> e.getValue().orElseThrow()));
    }

    /** From the output of {@link #LIST_KAFKA_PROCESSES}: the home of the process that runs {@code configFile}. */
    static Optional<String> fromProcesses(String listing, String configFile) throws IOException {
        List<List<String>> processes = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : listing.split("\n", -1)) {
            if (line.equals("--")) {
                processes.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        return processes.stream().filter(argv -> runs(argv, configFile)).findFirst().flatMap(KafkaHomes::home);
    }

    private static boolean runs(List<String> argv, String configFile) {
        int main = argv.indexOf("kafka.Kafka");
        return main >= 0 && main + 1 < argv.size()
                && Path.of(argv.get(main + 1)).normalize().equals(Path.of(configFile).normalize());
    }

    private static Optional<String> home(List<String> argv) {
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("-cp") || argv.get(i).equals("-classpath")) {
                return Arrays.stream(argv.get(i + 1).split(":")).map(Path::of)
                        .filter(entry -> entry.getParent() != null && entry.getParent().getFileName() != null
                                && entry.getParent().getFileName().toString().equals("libs"))
                        .map(entry -> entry.getParent().getParent().normalize().toString()).findFirst();
            }
        }
        return Optional.empty();
    }
}

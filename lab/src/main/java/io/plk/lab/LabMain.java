package io.plk.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lab up} starts the lab and writes its inventory; {@code lab down} removes it.
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */
public final class LabMain {
    private static final String USAGE = """
            usage: lab up   [--name kafka-lab] [--brokers 3] [--inventory inventories/lab.yaml]
                            [--kafka-archive kafka-dist/target/kafka_2.13-3.7.1.tgz] [--work-dir lab-work/<name>]
                   lab down [--name kafka-lab]
            """;

    private LabMain() {
    }

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "io/plk/lab/lab-logback.xml");
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || !List.of("up", "down").contains(args[0])) {
            System.err.print(USAGE);
            return 2;
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("lab: expected --option value, got '" + args[i] + "'");
                System.err.print(USAGE);
                return 2;
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        List<String> known = args[0].equals("up")
                ? List.of("name", "brokers", "inventory", "kafka-archive", "work-dir") : List.of("name");
        for (String key : opts.keySet()) {
            if (!known.contains(key)) {
                System.err.println("lab " + args[0] + ": unknown option --" + key);
                System.err.print(USAGE);
                return 2;
            }
        }
        String name = opts.getOrDefault("name", "kafka-lab");
        try {
            if (args[0].equals("down")) {
                int removed = Lab.down(name);
                System.out.println(removed == 0 ? "lab " + name + ": nothing to remove"
                        : "lab " + name + ": removed " + removed + " containers and networks");
                return 0;
            }
            return up(name, opts);
        } catch (IllegalArgumentException e) {
            System.err.println("lab " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("lab " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int up(String name, Map<String, String> opts) {
        int brokers;
        try {
            brokers = Integer.parseInt(opts.getOrDefault("brokers", "3"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--brokers takes a number, not '" + opts.get("brokers") + "'");
        }
        Path inventory = Path.of(opts.getOrDefault("inventory", "inventories/lab.yaml"));
        Path archive = Path.of(opts.getOrDefault("kafka-archive", "kafka-dist/target/kafka_2.13-3.7.1.tgz"));
        Path workDir = Path.of(opts.getOrDefault("work-dir", "lab-work/" + name));
        long started = System.nanoTime();
        Lab lab = Lab.start(new LabOptions(name, brokers, workDir, true));
        lab.writeInventory(inventory, archive);
        System.out.print(lab.describe());
        System.out.printf("  inventory      %s%n", inventory);
        System.out.printf("started in %.1f s; remove with: lab/scripts/lab.sh down%n",
                (System.nanoTime() - started) / 1e9);
        if (!Files.exists(archive)) {
            System.out.println("note: " + archive + " does not exist yet; build it (mvn -pl kafka-dist package) "
                    + "before `apply`");
        }
        return 0;
    }
}

package io.plk.orchestrator.cli;

import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.kafka.BrokerConfig;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "render", description = "Write each broker's server.properties locally (<node.id>.properties); "
        + "touches no host.")
final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "inventory YAML")
    Path inventory;

    @Option(names = "--out", description = "folder to write into (default: print to stdout)")
    Path out;

    @Override
    public Integer call() throws IOException {
        Plan plan = Plan.of(InventoryLoader.load(inventory));
        BrokerConfig config = new BrokerConfig(plan);
        for (BrokerPlan broker : plan.brokers()) {
            String text = config.render(broker);
            if (out == null) {
                System.out.println("# --- " + broker.label() + " ---");
                System.out.print(text);
            } else {
                Files.createDirectories(out);
                Path file = out.resolve(broker.nodeId() + ".properties");
                Files.writeString(file, text);
                System.out.println("wrote " + file);
            }
        }
        return 0;
    }
}

package io.plk.orchestrator.plays;

import io.plk.agent.protocol.Status;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.ssh.RemoteHost;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The tool's artifacts (the agent, the Kafka archive, an optional JDK) into each host's artifact folder: across the
 * operator's link once, to the bastion, which serves them only if some broker lacks one. Kafka itself, its config,
 * data and process are not touched here, so {@code plan} delivers them too before it asks the agents.
 */
final class ArtifactDelivery {
    private final Report report;

    ArtifactDelivery(Report report) {
        this.report = report;
    }

    void deliver(Plan plan, Fleet fleet) throws IOException {
        try (Staging staging = new Staging(plan, report)) {
            RemoteHost bastion = fleet.bastion();
            staging.stage(bastion);
            report.task("fetch artifacts from the bastion");
            Map<BrokerPlan, Boolean> present = fleet.each(plan.brokers(),
                    b -> staging.presentOn(fleet.broker(b), b.paths().artifactDir()));
            List<BrokerPlan> lacking = plan.brokers().stream().filter(b -> !present.get(b)).toList();
            plan.brokers().stream().filter(present::get)
                    .forEach(b -> report.step(b.label(), Status.OK, "artifacts already present"));
            if (!lacking.isEmpty()) {
                String bastionAddress = bastionAddressSeenBy(fleet.broker(lacking.get(0)));
                staging.serve(bastion, bastionAddress);
                fleet.each(lacking, b -> fetch(fleet, staging, b, bastionAddress));
            }
        }
    }

    private Void fetch(Fleet fleet, Staging staging, BrokerPlan broker, String bastionAddress) throws IOException {
        RemoteHost host = fleet.broker(broker);
        boolean changed = staging.fetch(host, bastionAddress, broker.paths().artifactDir());
        var java = fleet.plan().inventory().cluster().javaArchive();
        var javaHome = fleet.plan().javaHome(broker);
        if (java != null && javaHome.isPresent()) {
            String home = javaHome.get();
            var unpacked = host.exec(JdkUnpack.command(home, broker.paths().artifactDir() + "/" + java.fileName(),
                    java.sha512()));
            unpacked.requireSuccess();
            changed |= unpacked.stdout().contains("changed");
        }
        report.step(broker.label(), changed ? Status.CHANGED : Status.OK,
                changed ? "fetched artifacts from the bastion" : "artifacts already present");
        return null;
    }

    /** The bastion's address as the brokers see it: the client side of their SSH connection. */
    private static String bastionAddressSeenBy(RemoteHost broker) throws IOException {
        String connection = broker.exec("echo $SSH_CONNECTION").requireSuccess().stdout().strip();
        return connection.split("\\s+")[0];
    }
}

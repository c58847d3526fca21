package io.plk.orchestrator.plays;

import io.plk.agent.protocol.Status;
import io.plk.orchestrator.aws.AwsClients;
import io.plk.orchestrator.aws.AwsOutputs;
import io.plk.orchestrator.aws.AwsProvisioner;
import io.plk.orchestrator.aws.AwsSpec;
import io.plk.orchestrator.aws.AwsTopology;
import io.plk.orchestrator.aws.BrokerSlot;
import io.plk.orchestrator.aws.Change;
import io.plk.orchestrator.aws.OutputsFile;
import io.plk.orchestrator.inventory.BrokerSpec;
import io.plk.orchestrator.inventory.Inventory;
import io.plk.orchestrator.inventory.InventoryEditor;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.util.List;

/**
 * The runbook's AWS side from the {@code aws:} section. The load balancer's ports come from the same
 * plan as the advertised listeners, so the two cannot disagree.
 */
public final class AwsPlay {
    private final Report report;

    public AwsPlay(Report report) {
        this.report = report;
    }

    public static AwsTopology topology(Plan plan, AwsSpec spec) {
        var ports = plan.ports();
        List<BrokerSlot> slots = plan.brokers().stream().map(b -> new BrokerSlot(b.nodeId(), b.azId(),
                b.advertisedPort(), ports.external(), ports.internal(), ports.controller())).toList();
        return new AwsTopology(plan.clusterName(), spec, plan.inventory().ssh().identityFile(), plan.bootstrapPort(),
                slots, Staging.PORT);
    }

    /**
     * Provisions, writes the outputs next to the inventory (and a new ownership id into it), and
     * returns the inventory with the hosts and the ownership id filled in.
     */
    public Inventory apply(Plan plan, AwsSpec spec) throws IOException {
        report.task("AWS (" + spec.region() + ")");
        AwsTopology topology = topology(plan, spec);
        try (AwsClients aws = AwsClients.create(spec)) {
            var result = new AwsProvisioner(aws, report::info)
                    .apply(topology, id -> recordOwnerId(plan.inventory().file(), id));
            result.changes().forEach(c -> report.info("  " + c));
            AwsOutputs outputs = result.outputs();
            report.info("outputs written to " + OutputsFile.write(plan.inventory().file(), outputs,
                    plan.changefeedSink().fields()));
            report.info("AWS API calls: " + aws.calls());
            report.info("next step: " + outputs.nextStep());
            Inventory inventory = plan.inventory();
            List<BrokerSpec> brokers = inventory.brokers().stream()
                    .map(b -> b.withHost(outputs.brokerPrivateIps().get(b.nodeId()))).toList();
            return inventory.withBrokers(brokers).withSsh(inventory.ssh().withBastionHost(outputs.bastionPublicIp()))
                    .withAws(spec.withOwnerId(outputs.ownerId()));
        }
    }

    private void recordOwnerId(java.nio.file.Path inventory, String id) {
        try {
            InventoryEditor.set(inventory, "aws", "ownerId", id);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write aws.ownerId " + id + " into " + inventory
                    + "; nothing was created in AWS", e);
        }
        report.info("aws.ownerId " + id + " generated and written into " + inventory
                + "; every AWS resource of the cluster is tagged plk:owner=" + id);
    }

    public List<Change> plan(Plan plan, AwsSpec spec) {
        AwsTopology topology = topology(plan, spec);
        try (AwsClients aws = AwsClients.create(spec)) {
            return new AwsProvisioner(aws, report::info).plan(topology);
        }
    }

    /** Load balancer listeners and targets that no longer match the plan. */
    public List<Change> drift(Plan plan, AwsSpec spec) {
        try (AwsClients aws = AwsClients.create(spec)) {
            return new AwsProvisioner(aws, report::info).drift(topology(plan, spec));
        }
    }

    /** With {@code --terminate-removed}: a node taken out of the running cluster loses its instance. */
    public static RemoveBrokersPlay.LeftHost terminating(String clusterName, AwsSpec spec) {
        return node -> {
            try (AwsClients aws = AwsClients.create(spec)) {
                return new AwsProvisioner(aws, line -> { }).terminateBroker(clusterName, spec, node.nodeId())
                        .map(c -> new RemoveBrokersPlay.Released(Status.CHANGED, c.toString()))
                        .orElse(new RemoveBrokersPlay.Released(Status.OK, "cluster " + clusterName + " has no live "
                                + "instance of node " + node.nodeId() + " (terminated already)"));
            }
        };
    }

    /** A bastion that was just created answers SSH a little after it is "running". */
    public void awaitSsh(Inventory inventory) {
        String host = inventory.ssh().bastion().host();
        int port = inventory.ssh().bastion().port();
        Backoff backoff = new Backoff(java.time.Duration.ofMinutes(5));
        do {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(host, port), 5000);
                return;
            } catch (IOException notYet) {
                report.info("  waiting for SSH on the new bastion " + host + ":" + port);
            }
        } while (backoff.pause());
        report.info("  the bastion " + host + ":" + port + " does not answer SSH yet; the host steps may fail, re-run "
                + "apply in a minute");
    }
}

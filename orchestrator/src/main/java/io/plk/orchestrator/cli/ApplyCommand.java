package io.plk.orchestrator.cli;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.inventory.Inventory;
import io.plk.orchestrator.plan.NodeChanges;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.ApplyOptions;
import io.plk.orchestrator.plays.ApplyPlay;
import io.plk.orchestrator.plays.AwsPlay;
import io.plk.orchestrator.plays.MembershipGate;
import io.plk.orchestrator.plays.RemoveBrokersPlay;
import io.plk.orchestrator.plays.ReplaceBrokerPlay;
import io.plk.orchestrator.plays.Report;
import io.plk.orchestrator.plays.VerifyPlay;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apply", description = "Provision (when aws: is set), install, configure, format and start the "
        + "cluster; running brokers whose config changed are restarted one by one; then verify, if anything changed. "
        + "A second apply changes nothing.")
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Option(names = "--dry-run", description = "show per-broker config diffs and the restart order; change nothing")
    boolean dryRun;

    @Option(names = "--replace-broker", paramLabel = "NODE_ID", description = "the node whose host or disk was "
            + "replaced (same node id and address, no Kafka data): format it once the cluster no longer sees it alive, "
            + "rejoin it (a 4.x dynamic quorum's voter the quorum's own way) and wait until it has caught up")
    Integer replaceBroker;

    @Option(names = "--replace-external", description = "existing clusters: rewrite an EXTERNAL listener that "
            + "points elsewhere instead of refusing")
    boolean replaceExternal;

    @Option(names = "--finalize", description = "once every broker runs the inventory's Kafka, raise the cluster's "
            + "metadata.version to it (kafka-features upgrade); after that, no downgrade")
    boolean finalizeFeatures;

    @Option(names = "--remove-users", description = "delete the SCRAM users the cluster has but the inventory lacks, "
            + "and their ACLs (without it they are listed and left alone)")
    boolean removeUsers;

    @Option(names = "--allow-port-change", description = "let a broker's load balancer port move from the one the "
            + "last apply gave it (the cloud side dials the old one until it reads new metadata)")
    boolean allowPortChange;

    @Option(names = "--remove-brokers", description = "take the broker-only nodes that left brokers: out of the "
            + "running cluster: their replicas move to the others, then they stop and are unregistered (their data "
            + "stays on their disks)")
    boolean removeBrokers;

    @Option(names = "--terminate-removed", description = "with aws: and --remove-brokers: terminate the instance of "
            + "each node taken out, once it is empty, out of the quorum, stopped and unregistered (its root volume goes "
            + "with it); without this flag the instance keeps running")
    boolean terminateRemoved;

    @Option(names = "--removal-throttle", paramLabel = "BYTES_PER_SECOND", defaultValue = "52428800",
            description = "replication throttle while replicas move off a removed broker (default: 50 MiB/s)")
    long removalThrottle;

    @Option(names = "--only", description = "stop after this part: aws")
    String only;

    @Mixin
    SshFromAnywhereOption sshFromAnywhere;

    @Mixin
    GateOption gate;

    @Override
    public Integer call() throws Exception {
        if (only != null && !only.equals("aws")) {
            throw new BadInputException("--only takes 'aws' (stop after provisioning), not '" + only + "'");
        }
        Inventory inventory = target.load(sshFromAnywhere.allowed);
        RemoveBrokersPlay.LeftHost leftHost = leftHost(inventory);
        if (dryRun) {
            return new PlanCommand().show(target, inventory, removeUsers);
        }
        // before the load balancer follows the plan: a leaving broker is emptied and stopped while still reachable
        if (replaceBroker != null) {
            ReplaceBrokerPlay.target(Plan.of(inventory), replaceBroker);
        }
        NodeChanges changes = MembershipGate.admit(Plan.of(inventory), allowPortChange, removeBrokers);
        if (!changes.removed().isEmpty()) {
            target.play(Plan.of(inventory), (fleet, play) -> new RemoveBrokersPlay(play, removalThrottle, leftHost)
                    .run(fleet.plan(), fleet, changes.removed()));
        }
        Report report = new Report(System.out);
        if (inventory.aws().isPresent()) {
            AwsPlay aws = new AwsPlay(report);
            inventory = aws.apply(Plan.of(inventory), inventory.aws().get());
            if (only != null) {
                report.recap();
                return 0;
            }
            aws.awaitSsh(inventory);
        } else if (only != null) {
            throw new BadInputException("--only aws needs an aws: section in " + target.inventory);
        }
        Plan plan = Plan.of(inventory);
        return target.play(plan, (fleet, play) -> {
            try {
                new ApplyPlay(play, gate.limit(), new ApplyOptions(replaceBroker == null
                        ? OptionalInt.empty() : OptionalInt.of(replaceBroker), replaceExternal, finalizeFeatures,
                        removeUsers, allowPortChange)).run(fleet.plan(), fleet);
            } finally {
                play.info("bytes sent over the operator's link: " + fleet.ssh().bytesUploaded());
            }
            if (play.changedAnything()) {
                new VerifyPlay(play).run(fleet);
            }
        });
    }

    private RemoveBrokersPlay.LeftHost leftHost(Inventory inventory) {
        if (!terminateRemoved) {
            return RemoveBrokersPlay.LeftHost.KEPT;
        }
        if (!removeBrokers) {
            throw new BadInputException("--terminate-removed goes with --remove-brokers: it terminates the instances "
                    + "of the nodes that option takes out");
        }
        return AwsPlay.terminating(Plan.of(inventory).clusterName(), inventory.aws().orElseThrow(() ->
                new BadInputException("--terminate-removed terminates instances this cluster created in AWS; "
                        + target.inventory + " has no aws: section (terminate the hosts the way they were made)")));
    }
}

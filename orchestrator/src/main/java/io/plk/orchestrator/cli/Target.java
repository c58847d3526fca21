package io.plk.orchestrator.cli;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.aws.OutputsFile;
import io.plk.orchestrator.inventory.Inventory;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.Fleet;
import io.plk.orchestrator.plays.KafkaHomes;
import io.plk.orchestrator.plays.Report;
import io.plk.orchestrator.ssh.HostAddress;
import io.plk.orchestrator.ssh.SshConnections;
import io.plk.orchestrator.ssh.SshSettings;
import io.plk.orchestrator.ssh.StrictHostKeyChecking;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inventory argument and connection options every host command shares. */
final class Target {
    @Parameters(index = "0", description = "inventory YAML")
    Path inventory;

    @Option(names = "--forks", description = "brokers worked on at once (default: all)")
    Integer forks;

    @Option(names = "--connect-timeout", description = "seconds to reach each host (default: ${DEFAULT-VALUE})",
            defaultValue = "15")
    int connectTimeoutSeconds;

    /**
     * For commands that open no security group: SSH from anywhere was judged by the apply that opened it.
     */
    Inventory load() throws IOException {
        return load(true);
    }

    /** The inventory; with an aws: section, hosts a previous apply provisioned come from its outputs file. */
    Inventory load(boolean allowSshFromAnywhere) throws IOException {
        Inventory loaded = InventoryLoader.load(inventory, allowSshFromAnywhere);
        return loaded.aws().isPresent() ? OutputsFile.fillHosts(loaded) : loaded;
    }

    /** A play over the fleet, whose report ends with the recap whether it succeeded or not. */
    @FunctionalInterface
    interface Play {
        void run(Fleet fleet, Report report) throws Exception;
    }

    int play(Plan plan, Play play) throws Exception {
        Report report = new Report(System.out);
        try (Fleet fleet = connect(plan)) {
            play.run(fleet, report);
        } finally {
            report.recap();
        }
        return 0;
    }

    Fleet connect(Plan plan) throws IOException {
        var ssh = plan.inventory().ssh();
        if (ssh.bastion().host() == null || plan.inventory().brokers().stream().anyMatch(b -> b.host() == null)) {
            throw new BadInputException("hosts are not known yet: run apply (it provisions them) or write "
                    + "ssh.bastion.host and each broker's host into " + inventory);
        }
        SshSettings settings = new SshSettings(ssh.user(), ssh.identityFile(), ssh.knownHosts(),
                StrictHostKeyChecking.parse(ssh.strictHostKeyChecking()),
                new HostAddress(ssh.bastion().host(), ssh.bastion().port()), ssh.bastion().user(),
                java.time.Duration.ofSeconds(connectTimeoutSeconds), SshSettings.DEFAULT_AUTH_TIMEOUT,
                SshSettings.DEFAULT_COMMAND_TIMEOUT, SshSettings.DEFAULT_KEEP_ALIVE_INTERVAL);
        Fleet fleet = new Fleet(plan, new SshConnections(settings), forks == null ? plan.brokers().size() : forks);
        return plan.lacksKafkaHomes() ? fleet.withPlan(KafkaHomes.discover(plan, fleet)) : fleet;
    }
}

package io.plk.orchestrator.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;

/**
 * One plan or apply run: the clients, the topology, and the changes found. In a dry run a change
 * is only recorded and its action is skipped, so plan and apply walk the same code.
 */
final class Session {
    final AwsClients aws;
    final AwsTopology topology;
    final boolean dryRun;
    private final Consumer<String> out;
    private final List<Change> changes = new ArrayList<>();
    private Map<String, String> zoneNames;

    Session(AwsClients aws, AwsTopology topology, boolean dryRun, Consumer<String> out) {
        this.aws = aws;
        this.topology = topology;
        this.dryRun = dryRun;
        this.out = out;
    }

    String cluster() {
        return topology.clusterName();
    }

    Tags tags() {
        return spec().tags(cluster());
    }

    AwsSpec spec() {
        return topology.spec();
    }

    void say(String line) {
        out.accept(line);
    }

    /** Records the change and, unless this is a dry run, makes it; returns null in a dry run. */
    <T> T change(Change change, Supplier<T> action) {
        changes.add(change);
        if (dryRun) {
            return null;
        }
        out.accept(change.toString());
        return call(change.kind() + " " + change.name(), action);
    }

    void change(Change change, Runnable action) {
        change(change, () -> {
            action.run();
            return null;
        });
    }

    /** Runs AWS calls for a resource, turning SDK errors into ones naming the resource and the API call. */
    <T> T call(String resource, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw new AwsOperationException(resource, aws.calls().lastOperation(), e);
        }
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    /** AZ ID to AZ name in this account and region, read once. */
    Map<String, String> zoneNames() {
        if (zoneNames == null) {
            zoneNames = call("availability zones of " + spec().region(), () -> zoneNames(aws));
        }
        return zoneNames;
    }

    static Map<String, String> zoneNames(AwsClients aws) {
        Map<String, String> names = new LinkedHashMap<>();
        for (AvailabilityZone zone : aws.ec2().describeAvailabilityZones().availabilityZones()) {
            names.put(zone.zoneId(), zone.zoneName());
        }
        return names;
    }
}

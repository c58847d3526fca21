package io.plk.orchestrator.aws;

import static io.plk.orchestrator.aws.Change.Action.CREATE;
import static io.plk.orchestrator.aws.Change.Action.DELETE;
import static io.plk.orchestrator.aws.Change.Action.UPDATE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Runbook Step 2.1-2.2: the bastion (public IP) and one broker per slot in its AZ's subnet; waits until
 * running. Every instance requires IMDSv2 and has an encrypted root volume.
 */
final class Instances {
    static final String BASTION = "bastion";
    static final String BROKER = "broker";
    static final String AL2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");

    /** An instance; null ids and addresses for what a dry run would create. */
    record Host(String name, String instanceId, String privateIp, String publicIp) {
    }

    record Hosts(Host bastion, Map<Integer, Host> brokers) {
    }

    private final Session s;
    private final Ec2Client ec2;
    private String ami;

    Instances(Session session) {
        this.s = session;
        this.ec2 = session.aws.ec2();
    }

    static List<Instance> live(Session s, String vpcId) {
        return s.call("instances of " + s.cluster(), () -> live(s.aws.ec2(), s.tags(), vpcId));
    }

    /** The cluster's instances in its VPC that are not terminated (or shutting down). */
    static List<Instance> live(Ec2Client ec2, Tags tags, String vpcId) {
        List<Filter> filters = new ArrayList<>(tags.own());
        filters.add(Filter.builder().name("vpc-id").values(vpcId).build());
        filters.add(Filter.builder().name("instance-state-name").values(LIVE_STATES).build());
        List<Instance> instances = new ArrayList<>();
        ec2.describeInstancesPaginator(r -> r.filters(filters))
                .reservations().forEach(res -> instances.addAll(res.instances()));
        return instances;
    }

    /**
     * Terminates the instance this cluster created for broker node {@code nodeId}, its root volume with it; none
     * when the cluster has no live instance of that node (terminated already, or never created by this cluster).
     * Only for a node already taken out of the running cluster.
     */
    static Optional<Change> terminateBroker(Ec2Client ec2, Tags tags, int nodeId) {
        List<Filter> filters = new ArrayList<>(tags.role(BROKER));
        filters.add(Filter.builder().name("tag:" + Tags.NODE).values(String.valueOf(nodeId)).build());
        filters.add(Filter.builder().name("instance-state-name").values(LIVE_STATES).build());
        List<Instance> found = new ArrayList<>();
        ec2.describeInstancesPaginator(r -> r.filters(filters)).reservations().forEach(r -> found.addAll(r.instances()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = found.stream().map(Instance::instanceId).toList();
        ec2.terminateInstances(r -> r.instanceIds(ids));
        return Optional.of(new Change(DELETE, "instance", "broker-node" + nodeId,
                String.join(", ", ids) + " terminated with its root volume (--terminate-removed)"));
    }

    Hosts ensure(Network.Ids net, SecurityGroups.Ids groups) {
        Map<String, Instance> found = new LinkedHashMap<>();
        if (net.vpcId() != null) {
            for (Instance i : live(s, net.vpcId())) {
                String role = Tags.value(i.tags(), Tags.ROLE);
                found.put(BROKER.equals(role) ? "broker-node" + Tags.value(i.tags(), Tags.NODE) : "bastion-node", i);
            }
        }
        List<String> started = new ArrayList<>();
        ensure(found, "bastion-node", BASTION, null, s.spec().bastionInstanceType(), net.bastionSubnetId(),
                groups.bastion(), true, s.spec().bastionAzId(), started);
        for (BrokerSlot b : s.topology.brokers()) {
            ensure(found, "broker-node" + b.nodeId(), BROKER, b.nodeId(), s.spec().brokerInstanceType(),
                    net.brokerSubnetIds().get(b.azId()), groups.brokers(), false, b.azId(), started);
        }
        if (!started.isEmpty()) {
            s.call("instances " + started, () -> ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(started)));
            for (Instance i : live(s, net.vpcId())) {
                found.replaceAll((name, old) -> old.instanceId().equals(i.instanceId()) ? i : old);
            }
        }
        Map<Integer, Host> brokers = new LinkedHashMap<>();
        s.topology.brokers().forEach(b -> brokers.put(b.nodeId(), host(found, "broker-node" + b.nodeId())));
        return new Hosts(host(found, "bastion-node"), brokers);
    }

    private static Host host(Map<String, Instance> found, String name) {
        Instance i = found.get(name);
        return i == null ? new Host(name, null, null, null)
                : new Host(name, i.instanceId(), i.privateIpAddress(), i.publicIpAddress());
    }

    /** The bastion serves the staged artifacts with the agent, which needs a Java runtime; it has internet. */
    private static final String BASTION_USER_DATA = java.util.Base64.getEncoder().encodeToString((
            "#!/bin/sh\ndnf install -y java-17-amazon-corretto-headless || yum install -y java-17-amazon-corretto-headless\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private void ensure(Map<String, Instance> found, String name, String role, Integer nodeId, String type,
            String subnetId, String groupId, boolean publicIp, String azId, List<String> started) {
        Instance existing = found.get(name);
        if (existing == null) {
            String image = ami();
            Map<String, String> extra = nodeId == null ? Map.of() : Map.of(Tags.NODE, String.valueOf(nodeId));
            Instance created = s.change(new Change(CREATE, "instance", name, type + " in " + azId + ", AMI " + image
                            + (publicIp ? ", public IP" : ", no public IP")),
                    () -> ec2.runInstances(r -> r.imageId(image).instanceType(type).keyName(s.spec().keyPair())
                            .minCount(1).maxCount(1).userData(publicIp ? BASTION_USER_DATA : null)
                            .clientToken(clientToken(s.cluster(), subnetId, name))
                            .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED).httpEndpoint(
                                    InstanceMetadataEndpointState.ENABLED))
                            .blockDeviceMappings(encryptedRoot(image))
                            .networkInterfaces(n -> n.deviceIndex(0).subnetId(subnetId).groups(groupId)
                                    .associatePublicIpAddress(publicIp).deleteOnTermination(true))
                            .tagSpecifications(s.tags().spec(ResourceType.INSTANCE, role, name, extra)))
                            .instances().get(0));
            if (created != null) {
                found.put(name, created);
                started.add(created.instanceId());
            }
            return;
        }
        if (subnetId != null && !subnetId.equals(existing.subnetId())) {
            throw new AwsProblemsException(List.of(new AwsProblem(nodeId == null ? "aws.bastionSubnet.azId"
                    : "brokers[nodeId=" + nodeId + "].azId", name + " (" + existing.instanceId() + ") runs in subnet "
                    + existing.subnetId() + ", not in the " + azId + " subnet " + subnetId + "; an instance cannot"
                    + " move: put the AZ ID back, or terminate the instance (its data goes with it) and apply again")));
        }
        InstanceStateName state = existing.state().name();
        if (state == InstanceStateName.STOPPED) {
            s.change(new Change(UPDATE, "instance", name, "start (it is " + state + ")"),
                    () -> ec2.startInstances(r -> r.instanceIds(existing.instanceId())));
            started.add(existing.instanceId());
        } else if (state != InstanceStateName.RUNNING) {
            started.add(existing.instanceId());
        }
    }

    /**
     * The idempotency token of one instance's RunInstances: the same for an SDK retry and for a re-run
     * after an interrupted apply, so neither starts a second instance. The subnet id ties it to this
     * cluster's VPC, so a same-named cluster elsewhere gets other tokens.
     */
    static String clientToken(String cluster, String subnetId, String name) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (cluster + "/" + subnetId + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The AMI's own root mapping (device, snapshot, size, type) with encryption on: named after the
     * AMI's root device it replaces the root volume instead of adding a second one.
     */
    private BlockDeviceMapping encryptedRoot(String image) {
        Image found = s.call("AMI " + image, () -> ec2.describeImages(r -> r.imageIds(image)).images().get(0));
        EbsBlockDevice root = found.blockDeviceMappings().stream()
                .filter(m -> found.rootDeviceName().equals(m.deviceName()) && m.ebs() != null)
                .map(BlockDeviceMapping::ebs).findFirst()
                .orElseThrow(() -> new IllegalStateException("AMI " + image + " has no EBS root volume "
                        + found.rootDeviceName() + "; choose an EBS-backed AMI in aws.ami"));
        return BlockDeviceMapping.builder().deviceName(found.rootDeviceName()).ebs(root.toBuilder().encrypted(true)
                .kmsKeyId(null).deleteOnTermination(true).build()).build();
    }

    private String ami() {
        if (ami == null) {
            ami = s.spec().ami() != null ? s.spec().ami()
                    : s.call("SSM parameter " + AL2023,
                            () -> s.aws.ssm().getParameter(r -> r.name(AL2023)).parameter().value());
        }
        return ami;
    }
}

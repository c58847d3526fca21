package io.plk.orchestrator.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;

/**
 * The AWS side of the runbook (Step 1.1-2.2 and Step 2), from the inventory's {@code aws:} section.
 * Every resource is tagged {@code plk:cluster=<name>}, {@code plk:owner=<ownership id>} and
 * {@code plk:role=<role>} and found again by those tags (or, for the load balancer and target
 * groups, by name and then tags) on every run: no state file, and a run interrupted anywhere is
 * finished by the next. Nothing without the ownership id is ever adopted, changed or deleted. Each step describes before it
 * creates, so an unchanged inventory costs read calls only.
 */
public final class AwsProvisioner {
    private static final Set<String> DRIFT_KINDS = Set.of("listener", "targets", "target-group");

    private final AwsClients aws;
    private final Consumer<String> out;

    /** @param out progress lines for the user (changes made, AZ ID mapping) */
    public AwsProvisioner(AwsClients aws, Consumer<String> out) {
        this.aws = aws;
        this.out = out;
    }

    /** What apply would create, change or delete; read calls only. */
    public List<Change> plan(AwsTopology topology) {
        preflight(topology);
        Session session = new Session(aws, topology, true, line -> { });
        walk(session);
        return session.changes();
    }

    /**
     * Creates or repairs everything; returns the changes made and the outputs. A cluster without an
     * ownership id yet (its first apply) gets a new one, handed to {@code recordNewOwnerId} after the
     * preflight and before the first change, so that a run interrupted anywhere is finished by the next.
     */
    public ApplyResult apply(AwsTopology topology, Consumer<String> recordNewOwnerId) {
        if (topology.spec().ownerId() == null) {
            AwsTopology owned = topology.withSpec(topology.spec().withOwnerId(Tags.newOwnerId()));
            preflight(owned);
            recordNewOwnerId.accept(owned.spec().ownerId());
            return walkAndReport(owned);
        }
        preflight(topology);
        return walkAndReport(topology);
    }

    private ApplyResult walkAndReport(AwsTopology topology) {
        Session session = new Session(aws, topology, false, out);
        Walk walk = walk(session);
        Map<String, String> zones = new LinkedHashMap<>();
        topology.spec().brokerSubnets().keySet().forEach(id -> zones.put(id, session.zoneNames().get(id)));
        zones.putIfAbsent(topology.spec().bastionAzId(), session.zoneNames().get(topology.spec().bastionAzId()));
        Map<Integer, String> brokerIps = new LinkedHashMap<>();
        walk.hosts().brokers().forEach((node, host) -> brokerIps.put(node, host.privateIp()));
        AwsOutputs outputs = new AwsOutputs(topology.spec().ownerId(), walk.service().id(), walk.service().name(),
                zones, walk.lb().dnsName(), walk.hosts().bastion().publicIp(), brokerIps,
                AwsOutputs.nextStep(topology.clusterName(), walk.service().name()));
        return new ApplyResult(session.changes(), outputs);
    }

    /**
     * Where the load balancer's listener ports and target group members disagree with the slots
     * (missing, extra or pointing elsewhere); apply repairs exactly these.
     */
    public List<Change> drift(AwsTopology topology) {
        return plan(topology).stream().filter(c -> DRIFT_KINDS.contains(c.kind())).toList();
    }

    /**
     * What destroy deletes: every resource tagged with the cluster's name and ownership id, to be
     * listed to the user and then {@link Teardown#run() run}; running it again finds nothing to do.
     * The identity file is kept: the next apply imports its public key. Refused (nothing deleted)
     * while a resource carries the cluster's name without an ownership id.
     */
    public Teardown teardown(String clusterName, AwsSpec spec) {
        Tags own = spec.tags(clusterName);
        Ownership.unowned(aws, own).ifPresent(problem -> {
            throw new AwsProblemsException(List.of(problem));
        });
        return new Teardown(aws, own, out);
    }

    /**
     * With {@code --terminate-removed}: the instance of a broker node that was taken out of the running cluster
     * (empty, stopped, unregistered). Touches this cluster's own instance of that node only.
     */
    public Optional<Change> terminateBroker(String clusterName, AwsSpec spec, int nodeId) {
        try {
            return Instances.terminateBroker(aws.ec2(), spec.tags(clusterName), nodeId);
        } catch (SdkException e) {
            throw new AwsOperationException("instance broker-node" + nodeId, aws.calls().lastOperation(), e);
        }
    }

    /** Accepts the endpoint service's pending connections from the allowed principals only. */
    public AcceptResult acceptConnections(AwsTopology topology) {
        Session session = new Session(aws, topology, false, out);
        List<ServiceConfiguration> services = session.call("endpoint service of " + topology.clusterName(),
                () -> EndpointService.find(aws.ec2(), session.tags()));
        if (services.isEmpty()) {
            throw new AwsProblemsException(List.of(new AwsProblem("aws.endpointService", "cluster "
                    + topology.clusterName() + " has no endpoint service yet; run apply first")));
        }
        String serviceId = services.get(0).serviceId();
        AcceptResult result = session.call("endpoint service " + serviceId,
                () -> EndpointConnections.acceptPending(aws.ec2(), serviceId, topology.spec().allowedPrincipals()));
        result.accepted().forEach(id -> out.accept("~ accepted endpoint connection " + id));
        result.ignored().forEach(id -> out.accept("  left pending (not an allowed principal): " + id));
        result.failed().forEach(id -> out.accept("! could not accept " + id));
        return result;
    }

    private void preflight(AwsTopology topology) {
        List<AwsProblem> problems = new ArrayList<>(new AwsPreflight(aws).check(topology));
        problems.addAll(Ownership.problems(aws, topology.spec().tags(topology.clusterName()),
                topology.spec().loadBalancerName()));
        if (!problems.isEmpty()) {
            throw new AwsProblemsException(problems);
        }
    }

    private record Walk(Instances.Hosts hosts, LoadBalancer.Lb lb, EndpointService.Service service) {
    }

    private static Walk walk(Session session) {
        Network.Ids net = new Network(session).ensure();
        SecurityGroups.Ids groups = new SecurityGroups(session).ensure(net.vpcId());
        KeyPairs.ensure(session);
        Instances.Hosts hosts = new Instances(session).ensure(net, groups);
        LoadBalancer.Lb lb = new LoadBalancer(session).ensure(net, groups, hosts);
        EndpointService.Service service = new EndpointService(session).ensure(lb);
        return new Walk(hosts, lb, service);
    }
}

package io.plk.orchestrator.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * Checks made before any mutating call. Every problem found is returned at once, each naming the
 * inventory field and what to write instead.
 */
public final class AwsPreflight {
    private static final Pattern ELB_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

    private final AwsClients aws;

    public AwsPreflight(AwsClients aws) {
        this.aws = aws;
    }

    /** All problems: the input checks, then credentials, AZ IDs of the region and the key pair (read-only calls). */
    public List<AwsProblem> check(AwsTopology topology) {
        List<AwsProblem> problems = new ArrayList<>(checkInput(topology));
        AwsSpec spec = topology.spec();
        if (problems.stream().anyMatch(p -> p.field().equals("aws.region"))) {
            return problems;
        }
        try {
            aws.credentials().resolveCredentials();
        } catch (SdkException e) {
            problems.add(new AwsProblem("aws", "no AWS credentials found (" + e.getMessage() + "): set AWS_PROFILE,"
                    + " run `aws sso login` or `aws configure`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"));
            return problems;
        }
        try {
            Map<String, String> zones = Session.zoneNames(aws);
            String known = String.join(", ", zones.keySet());
            spec.brokerSubnets().keySet().stream().filter(id -> !zones.containsKey(id)).forEach(id -> problems.add(
                    new AwsProblem("aws.brokerSubnets." + id, "AZ ID " + id + " is not in " + spec.region()
                            + "; its AZ IDs are " + known)));
            if (spec.bastionAzId() != null && !zones.containsKey(spec.bastionAzId())) {
                problems.add(new AwsProblem("aws.bastionSubnet.azId", "AZ ID " + spec.bastionAzId() + " is not in "
                        + spec.region() + "; its AZ IDs are " + known));
            }
            if (spec.keyPair() != null && topology.identityFile() != null) {
                KeyPairs.problem(aws, topology).ifPresent(problems::add);
            }
        } catch (SdkException e) {
            problems.add(new AwsProblem("aws", aws.calls().lastOperation() + " failed: " + e.getMessage()
                    + "; check the credentials' permissions and aws.region/aws.endpoint"));
        }
        return problems;
    }

    /**
     * The checks that need no AWS call. The address blocks, the ports and the listener count are checked, with their
     * lines, when the inventory is loaded.
     */
    public static List<AwsProblem> checkInput(AwsTopology topology) {
        List<AwsProblem> problems = new ArrayList<>();
        AwsSpec spec = topology.spec();
        if (spec.region() == null || !Region.regions().contains(Region.of(spec.region()))) {
            problems.add(new AwsProblem("aws.region", "unknown region '" + spec.region()
                    + "'; write a region code such as us-west-2"));
        }
        for (int i = 0; i < spec.allowedPrincipals().size(); i++) {
            String p = spec.allowedPrincipals().get(i);
            if (p == null || !(p.equals("*") || p.matches("arn:aws[a-z-]*:iam::[0-9]{12}:.+"))) {
                problems.add(new AwsProblem("aws.endpointService.allowedPrincipals[" + i + "]", "'" + p
                        + "' is not an IAM principal ARN like arn:aws:iam::123456789012:root"));
            }
        }
        anyPrincipalProblem(spec.allowedPrincipals(), spec.acceptanceRequired())
                .ifPresent(m -> problems.add(new AwsProblem("aws.endpointService.allowedPrincipals", m)));
        if (spec.loadBalancerName() == null || !ELB_NAME.matcher(spec.loadBalancerName()).matches()
                || spec.loadBalancerName().startsWith("internal-")) {
            problems.add(new AwsProblem("aws.loadBalancer.name", "'" + spec.loadBalancerName() + "' is not a load"
                    + " balancer name: 1-32 letters, digits and hyphens, no hyphen at either end"));
        }
        String longest = topology.clusterName() + "-" + LoadBalancer.BOOTSTRAP;
        if (topology.clusterName() == null || !ELB_NAME.matcher(longest).matches()) {
            problems.add(new AwsProblem("cluster.name", "target groups are named after the cluster ('" + longest
                    + "'): use at most " + (32 - LoadBalancer.BOOTSTRAP.length() - 1)
                    + " letters, digits and hyphens, no hyphen at either end"));
        }
        for (String[] field : new String[][] {{"aws.keyPair", spec.keyPair()},
                {"aws.bastionInstanceType", spec.bastionInstanceType()},
                {"aws.brokerInstanceType", spec.brokerInstanceType()}}) {
            if (field[1] == null || field[1].isBlank()) {
                problems.add(new AwsProblem(field[0], "required"));
            }
        }
        if (topology.identityFile() == null) {
            problems.add(new AwsProblem("ssh.identityFile", "required: the key pair's private key is kept there"));
        }
        checkBrokers(topology, problems);
        return problems;
    }

    private static void checkBrokers(AwsTopology topology, List<AwsProblem> problems) {
        List<BrokerSlot> brokers = topology.brokers();
        if (brokers.isEmpty()) {
            problems.add(new AwsProblem("brokers", "no brokers: nothing to put behind the load balancer"));
        }
        for (int i = 0; i < brokers.size(); i++) {
            BrokerSlot b = brokers.get(i);
            String at = "brokers[" + i + "]";
            if (!topology.spec().brokerSubnets().containsKey(b.azId())) {
                problems.add(new AwsProblem(at + ".azId", "broker " + b.nodeId() + " is in " + b.azId()
                        + " but aws.brokerSubnets has no subnet for it; add " + b.azId() + ": <cidr>"));
            }
        }
    }

    /** "*" lets every AWS account connect: only tolerable when each connection must still be accepted. */
    public static java.util.Optional<String> anyPrincipalProblem(List<String> principals, boolean acceptanceRequired) {
        return principals.contains("*") && !acceptanceRequired
                ? java.util.Optional.of("\"*\" lets any AWS account connect to the cluster without acceptance;"
                        + " write TiDB Cloud's principal (arn:aws:iam::<account_id>:root) or set"
                        + " aws.endpointService.acceptanceRequired: true")
                : java.util.Optional.empty();
    }
}

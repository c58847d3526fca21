package io.plk.orchestrator.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    /** A network load balancer has at most 50 listeners: the bootstrap one plus one per broker. */
    static final int MAX_LISTENERS = 50;
    private static final Pattern AZ_ID = Pattern.compile("[a-z]{2,}[0-9]*-az[0-9]+");
    private static final Pattern ELB_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

    private final AwsClients aws;

    public AwsPreflight(AwsClients aws) {
        this.aws = aws;
    }

    /** All problems: the input checks, then credentials, AZ IDs of the region and the key pair (read-only calls). */
    public List<AwsProblem> check(AwsTopology topology, boolean allowSshFromAnywhere) {
        List<AwsProblem> problems = new ArrayList<>(checkInput(topology, allowSshFromAnywhere));
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

    /** The checks that need no AWS call. */
    public static List<AwsProblem> checkInput(AwsTopology topology, boolean allowSshFromAnywhere) {
        List<AwsProblem> problems = new ArrayList<>();
        AwsSpec spec = topology.spec();
        if (spec.region() == null || !Region.regions().contains(Region.of(spec.region()))) {
            problems.add(new AwsProblem("aws.region", "unknown region '" + spec.region()
                    + "'; write a region code such as us-west-2"));
        }
        Cidr vpc = cidr(problems, "aws.vpcCidr", spec.vpcCidr());
        if (vpc != null && (vpc.prefix() < 16 || vpc.prefix() > 28)) {
            problems.add(new AwsProblem("aws.vpcCidr", "a VPC's block must be between /16 and /28, not /" + vpc.prefix()));
        }
        Map<String, Cidr> subnets = new LinkedHashMap<>();
        spec.brokerSubnets().forEach((azId, text) -> {
            String field = "aws.brokerSubnets." + azId;
            if (!AZ_ID.matcher(azId).matches()) {
                problems.add(new AwsProblem(field, "'" + azId + "' is not an AZ ID like usw2-az1 (AZ IDs, not AZ names)"));
            }
            subnets.put(field, cidr(problems, field, text));
        });
        if (spec.bastionAzId() == null || !AZ_ID.matcher(spec.bastionAzId()).matches()) {
            problems.add(new AwsProblem("aws.bastionSubnet.azId", "'" + spec.bastionAzId()
                    + "' is not an AZ ID like usw2-az1"));
        }
        subnets.put("aws.bastionSubnet.cidr", cidr(problems, "aws.bastionSubnet.cidr", spec.bastionCidr()));
        List<Map.Entry<String, Cidr>> list = new ArrayList<>(subnets.entrySet());
        for (int i = 0; i < list.size(); i++) {
            Cidr a = list.get(i).getValue();
            if (a == null) {
                continue;
            }
            if (vpc != null && !vpc.contains(a)) {
                problems.add(new AwsProblem(list.get(i).getKey(), a + " is outside the VPC " + vpc
                        + "; pick a block inside aws.vpcCidr"));
            }
            for (int j = i + 1; j < list.size(); j++) {
                Cidr b = list.get(j).getValue();
                if (b != null && a.overlaps(b)) {
                    problems.add(new AwsProblem(list.get(j).getKey(), b + " overlaps " + a + " of "
                            + list.get(i).getKey() + "; subnets must not overlap"));
                }
            }
        }
        if (spec.sshFrom().isEmpty()) {
            problems.add(new AwsProblem("aws.sshFrom", "empty: nobody could reach the bastion; write your address, e.g. [203.0.113.7/32]"));
        }
        List<Cidr> sshFrom = new ArrayList<>();
        for (int i = 0; i < spec.sshFrom().size(); i++) {
            Cidr c = cidr(problems, "aws.sshFrom[" + i + "]", spec.sshFrom().get(i));
            if (c != null && c.prefix() == 0 && !allowSshFromAnywhere) {
                problems.add(new AwsProblem("aws.sshFrom[" + i + "]", "SSH from anywhere (" + c + ") is refused;"
                        + " write your own address (e.g. 203.0.113.7/32) or pass --allow-ssh-from-anywhere"));
            } else if (c != null) {
                sshFrom.add(c);
            }
        }
        if (!allowSshFromAnywhere && sshFrom.size() > 1 && Cidr.coverEverything(sshFrom)) {
            problems.add(new AwsProblem("aws.sshFrom", "the blocks " + sshFrom + " together are SSH from anywhere,"
                    + " which is refused; write your own address (e.g. 203.0.113.7/32) or pass --allow-ssh-from-anywhere"));
        }
        if (spec.loadBalancerAllowFrom().isEmpty()) {
            problems.add(new AwsProblem("aws.loadBalancer.allowFrom", "empty: nobody could reach the load balancer;"
                    + " write TiDB Cloud's project CIDR (Project Settings > Network Access > Project CIDR > AWS)"));
        }
        for (int i = 0; i < spec.loadBalancerAllowFrom().size(); i++) {
            cidr(problems, "aws.loadBalancer.allowFrom[" + i + "]", spec.loadBalancerAllowFrom().get(i));
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
        if (brokers.size() + 1 > MAX_LISTENERS) {
            problems.add(new AwsProblem("brokers", brokers.size() + " brokers need " + (brokers.size() + 1)
                    + " load balancer listeners (bootstrap + one per broker); a network load balancer allows "
                    + MAX_LISTENERS + ": use at most " + (MAX_LISTENERS - 1) + " brokers"));
        }
        Map<Integer, String> lbPorts = new HashMap<>();
        lbPorts.put(topology.bootstrapPort(), "the bootstrap port");
        port(problems, "cluster.bootstrapPort", topology.bootstrapPort());
        if (topology.stagingPort() != 0) {
            port(problems, "stagingPort", topology.stagingPort());
        }
        for (int i = 0; i < brokers.size(); i++) {
            BrokerSlot b = brokers.get(i);
            String at = "brokers[" + i + "]";
            if (!topology.spec().brokerSubnets().containsKey(b.azId())) {
                problems.add(new AwsProblem(at + ".azId", "broker " + b.nodeId() + " is in " + b.azId()
                        + " but aws.brokerSubnets has no subnet for it; add " + b.azId() + ": <cidr>"));
            }
            port(problems, at + ".advertisedPort", b.advertisedPort());
            port(problems, at + ".externalPort", b.externalPort());
            String other = lbPorts.putIfAbsent(b.advertisedPort(), "broker " + b.nodeId());
            if (other != null) {
                problems.add(new AwsProblem(at + ".advertisedPort", "load balancer port " + b.advertisedPort()
                        + " is already " + other + "; every broker needs its own port"));
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

    private static void port(List<AwsProblem> problems, String field, int port) {
        if (port < 1 || port > 65535) {
            problems.add(new AwsProblem(field, port + " is not a TCP port (1-65535)"));
        }
    }

    private static Cidr cidr(List<AwsProblem> problems, String field, String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new AwsProblem(field, e.getMessage()));
            return null;
        }
    }
}

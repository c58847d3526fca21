package io.plk.orchestrator.inventory;

import io.plk.orchestrator.aws.AwsSpec;
import io.plk.orchestrator.aws.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The address blocks of the {@code aws:} section, checked at load so that validate, plan and apply
 * refuse the same input at its line: well-formed IPv4 CIDRs, subnets inside the VPC and apart, and
 * neither the bastion's SSH (unless opted in) nor the load balancer open to every address.
 */
final class AwsNetworkChecks {
    private static final String SSH_INSTEAD = "write your own address (e.g. 203.0.113.7/32) or pass "
            + "--allow-ssh-from-anywhere";
    private static final String LOAD_BALANCER_INSTEAD = "the load balancer is internal and reached through "
            + "PrivateLink only: write the CIDR of the client side (TiDB Cloud's project CIDR: Project Settings > "
            + "Network Access > Project CIDR > AWS) or this VPC's aws.vpcCidr";

    private final YamlSection aws;
    private final AwsSpec spec;

    AwsNetworkChecks(YamlSection aws, AwsSpec spec) {
        this.aws = aws;
        this.spec = spec;
    }

    void check(boolean allowSshFromAnywhere) {
        subnets(vpc());
        List<YamlSection.Item> sshFrom = aws.items("sshFrom");
        if (sshFrom.isEmpty()) {
            aws.problem("sshFrom", "empty: nobody could reach the bastion; write your address, e.g. [203.0.113.7/32]");
        }
        blocks(aws, "sshFrom", sshFrom, allowSshFromAnywhere, "SSH to the bastion", SSH_INSTEAD);
        YamlSection lb = aws.section("loadBalancer");
        List<YamlSection.Item> allowFrom = lb.items("allowFrom");
        if (allowFrom.isEmpty()) {
            lb.problem("allowFrom", "empty: nobody could reach the load balancer; " + LOAD_BALANCER_INSTEAD);
        }
        blocks(lb, "allowFrom", allowFrom, false, "Kafka traffic to the load balancer", LOAD_BALANCER_INSTEAD);
    }

    private Cidr vpc() {
        Cidr vpc = cidr(aws, "vpcCidr", spec.vpcCidr());
        if (vpc != null && (vpc.prefix() < 16 || vpc.prefix() > 28)) {
            aws.problem("vpcCidr", "a VPC's block must be between /16 and /28, not /" + vpc.prefix());
        }
        return vpc;
    }

    private record Subnet(YamlSection section, String key, Cidr cidr) {
        String field() {
            return section.child(key);
        }
    }

    private void subnets(Cidr vpc) {
        List<Subnet> subnets = new ArrayList<>();
        YamlSection brokerSubnets = aws.section("brokerSubnets");
        spec.brokerSubnets().forEach((azId, text) -> {
            Syntax.azId(azId).ifPresent(wrong -> brokerSubnets.problem(azId, wrong));
            subnets.add(new Subnet(brokerSubnets, azId, cidr(brokerSubnets, azId, text)));
        });
        YamlSection bastion = aws.section("bastionSubnet");
        if (spec.bastionAzId() != null) {
            Syntax.azId(spec.bastionAzId()).ifPresent(wrong -> bastion.problem("azId", wrong));
        }
        subnets.add(new Subnet(bastion, "cidr", cidr(bastion, "cidr", spec.bastionCidr())));
        for (int i = 0; i < subnets.size(); i++) {
            Subnet a = subnets.get(i);
            if (a.cidr() == null) {
                continue;
            }
            if (vpc != null && !vpc.contains(a.cidr())) {
                a.section().problem(a.key(), a.cidr() + " is outside the VPC " + vpc + "; pick a block inside aws.vpcCidr");
            }
            for (Subnet b : subnets.subList(i + 1, subnets.size())) {
                if (b.cidr() != null && a.cidr().overlaps(b.cidr())) {
                    b.section().problem(b.key(), b.cidr() + " overlaps " + a.cidr() + " of " + a.field()
                            + "; subnets must not overlap");
                }
            }
        }
    }

    /** Parses each entry; one that is every address (0.0.0.0/0), or several that together are, is refused. */
    private static void blocks(YamlSection section, String key, List<YamlSection.Item> items, boolean anywhereAllowed,
            String what, String instead) {
        List<Cidr> blocks = new ArrayList<>();
        for (YamlSection.Item item : items) {
            Cidr block = cidr(item.value(), wrong -> section.problem(item, wrong));
            if (block != null && block.prefix() == 0 && !anywhereAllowed) {
                section.problem(item, what + " from anywhere (" + block + ") is refused; " + instead);
            } else if (block != null) {
                blocks.add(block);
            }
        }
        if (!anywhereAllowed && blocks.size() > 1 && Cidr.coverEverything(blocks)) {
            section.problem(key, "the blocks " + blocks + " together are " + what + " from anywhere, which is refused; "
                    + instead);
        }
    }

    private static Cidr cidr(YamlSection section, String key, String text) {
        return cidr(text, wrong -> section.problem(key, wrong));
    }

    private static Cidr cidr(String text, Consumer<String> refuse) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            refuse.accept(e.getMessage());
            return null;
        }
    }
}

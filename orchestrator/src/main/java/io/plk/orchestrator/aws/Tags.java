package io.plk.orchestrator.aws;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The tags every created resource carries, by which the next run finds it again. A cluster name
 * alone is not enough in a shared account (two teams may both call theirs kafka-pl): every resource
 * also carries the ownership id generated on the cluster's first apply, and every lookup asks for both.
 *
 * @param ownerId the cluster's ownership id, or {@link #UNASSIGNED} before its first apply (then
 *                nothing is found as the cluster's own)
 */
record Tags(String cluster, String ownerId) {
    static final String CLUSTER = "plk:cluster";
    static final String OWNER = "plk:owner";
    static final String ROLE = "plk:role";
    static final String AZ = "plk:az";
    static final String NODE = "plk:node";
    static final String NAME = "Name";
    static final String UNASSIGNED = "unassigned";
    private static final SecureRandom RANDOM = new SecureRandom();

    Tags {
        if (!UNASSIGNED.equals(ownerId) && !AwsSpec.OWNER_ID.matcher(ownerId).matches()) {
            throw new IllegalArgumentException("not an ownership id: " + ownerId);
        }
    }

    /** A new ownership id: 48 random bits, so two clusters of one account never share one. */
    static String newOwnerId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    boolean assigned() {
        return !UNASSIGNED.equals(ownerId);
    }

    List<Tag> of(String role, String name, Map<String, String> extra) {
        List<Tag> tags = new ArrayList<>(List.of(tag(CLUSTER, cluster), tag(OWNER, ownerId), tag(ROLE, role),
                tag(NAME, name)));
        extra.forEach((k, v) -> tags.add(tag(k, v)));
        return tags;
    }

    TagSpecification spec(ResourceType type, String role, String name, Map<String, String> extra) {
        return TagSpecification.builder().resourceType(type).tags(of(role, name, extra)).build();
    }

    TagSpecification spec(ResourceType type, String role, String name) {
        return spec(type, role, name, Map.of());
    }

    List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elb(String role, String name,
            Map<String, String> extra) {
        return of(role, name, extra).stream()
                .map(t -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                        .key(t.key()).value(t.value()).build())
                .toList();
    }

    /** The filters of this cluster's own resources. */
    List<Filter> own() {
        return List.of(filter(CLUSTER, cluster), filter(OWNER, ownerId));
    }

    /** The filters of this cluster's own resources of one role. */
    List<Filter> role(String role) {
        List<Filter> filters = new ArrayList<>(own());
        filters.add(filter(ROLE, role));
        return filters;
    }

    /** The filters of this cluster's own resources of one role inside one VPC. */
    List<Filter> role(String role, String vpcId) {
        List<Filter> filters = role(role);
        filters.add(Filter.builder().name("vpc-id").values(vpcId).build());
        return filters;
    }

    /** Whether tags read back (an ELB resource's, an endpoint service's) are this cluster's own. */
    boolean owns(Map<String, String> tags) {
        return cluster.equals(tags.get(CLUSTER)) && ownerId.equals(tags.get(OWNER));
    }

    boolean owns(List<Tag> tags) {
        return cluster.equals(value(tags, CLUSTER)) && ownerId.equals(value(tags, OWNER));
    }

    static Filter filter(String key, String... values) {
        return Filter.builder().name("tag:" + key).values(values).build();
    }

    static String value(List<Tag> tags, String key) {
        return tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}

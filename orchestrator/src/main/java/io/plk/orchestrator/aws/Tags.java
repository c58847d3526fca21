package io.plk.orchestrator.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The tags every created resource carries, by which the next run finds it again. */
final class Tags {
    static final String CLUSTER = "plk:cluster";
    static final String ROLE = "plk:role";
    static final String AZ = "plk:az";
    static final String NODE = "plk:node";
    static final String NAME = "Name";

    private Tags() {
    }

    static List<Tag> of(String cluster, String role, String name, Map<String, String> extra) {
        List<Tag> tags = new ArrayList<>(List.of(
                Tag.builder().key(CLUSTER).value(cluster).build(),
                Tag.builder().key(ROLE).value(role).build(),
                Tag.builder().key(NAME).value(name).build()));
        extra.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }

    static TagSpecification spec(ResourceType type, String cluster, String role, String name, Map<String, String> extra) {
        return TagSpecification.builder().resourceType(type).tags(of(cluster, role, name, extra)).build();
    }

    static TagSpecification spec(ResourceType type, String cluster, String role, String name) {
        return spec(type, cluster, role, name, Map.of());
    }

    static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elb(String cluster, String role,
            String name, Map<String, String> extra) {
        return of(cluster, role, name, extra).stream()
                .map(t -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                        .key(t.key()).value(t.value()).build())
                .toList();
    }

    static Filter filter(String key, String... values) {
        return Filter.builder().name("tag:" + key).values(values).build();
    }

    static List<Filter> role(String cluster, String role) {
        return List.of(filter(CLUSTER, cluster), filter(ROLE, role));
    }

    static String value(List<Tag> tags, String key) {
        return tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }
}

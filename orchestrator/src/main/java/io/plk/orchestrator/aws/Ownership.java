package io.plk.orchestrator.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * What apply, plan and destroy ask before anything else: does a resource carry this cluster's name
 * without its ownership id? It was made by someone else, or by a version of this tool before
 * ownership ids: it is never adopted, changed or deleted, and the run stops before touching
 * anything, naming it. Resources with another team's ownership id are simply not this cluster's;
 * only a name that must be unique in the account (the load balancer's) makes them a problem.
 */
final class Ownership {
    private Ownership() {
    }

    static List<AwsProblem> problems(AwsClients aws, Tags own, String loadBalancerName) {
        List<AwsProblem> problems = new ArrayList<>();
        unowned(aws, own).ifPresent(problems::add);
        LoadBalancer.foreignNamed(aws.elb(), loadBalancerName, own).ifPresent(problems::add);
        return problems;
    }

    /** Resources with the cluster's name and no ownership id, as one problem naming them all. */
    static Optional<AwsProblem> unowned(AwsClients aws, Tags own) {
        List<AwsResource> unowned = new ArrayList<>(unownedEc2(aws.ec2(), own.cluster()));
        unowned.addAll(unownedElb(aws.elb(), own.cluster()));
        if (unowned.isEmpty()) {
            return Optional.empty();
        }
        String ours = own.assigned() ? "This cluster's ownership id is " + own.ownerId() + " (aws.ownerId)"
                : "This cluster has no ownership id yet (aws.ownerId)";
        return Optional.of(new AwsProblem("cluster.name", unowned.size() + " resource(s) carry " + Tags.CLUSTER + "="
                + own.cluster() + " but no " + Tags.OWNER + " tag: " + unowned + ". " + ours + "; they are left"
                + " alone and nothing was changed. If they are this cluster's, made before ownership ids, tag each of"
                + " them " + Tags.OWNER + "=<id> and set aws.ownerId: <id> in the inventory (12 hex digits of your"
                + " choice); otherwise choose another cluster.name"));
    }

    private static List<AwsResource> unownedEc2(Ec2Client ec2, String cluster) {
        Map<String, String> typeById = new HashMap<>();
        describeTags(ec2, Filter.builder().name("key").values(Tags.CLUSTER).build(),
                Filter.builder().name("value").values(cluster).build())
                .forEach(t -> typeById.put(t.resourceId(), t.resourceTypeAsString()));
        Set<String> owned = describeTags(ec2, Filter.builder().name("key").values(Tags.OWNER).build()).stream()
                .map(TagDescription::resourceId).collect(Collectors.toSet());
        typeById.keySet().removeAll(owned);
        typeById.keySet().removeAll(terminated(ec2, typeById));
        if (typeById.isEmpty()) {
            return List.of();
        }
        Map<String, String> names = new HashMap<>();
        describeTags(ec2, Filter.builder().name("key").values(Tags.NAME).build(),
                Filter.builder().name("resource-id").values(typeById.keySet()).build())
                .forEach(t -> names.put(t.resourceId(), t.value()));
        return typeById.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new AwsResource(e.getValue(), e.getKey(), names.get(e.getKey()))).toList();
    }

    /** EC2 keeps the tags of a terminated instance for a while; such an instance is gone, not someone's. */
    private static Set<String> terminated(Ec2Client ec2, Map<String, String> typeById) {
        List<String> instances = typeById.entrySet().stream().filter(e -> "instance".equals(e.getValue()))
                .map(Map.Entry::getKey).toList();
        if (instances.isEmpty()) {
            return Set.of();
        }
        Set<String> gone = new java.util.HashSet<>(instances);
        ec2.describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("instance-id").values(instances).build(),
                        Filter.builder().name("instance-state-name").values(Instances.LIVE_STATES).build()))
                .reservations().forEach(res -> res.instances().forEach(i -> gone.remove(i.instanceId())));
        return gone;
    }

    private static List<TagDescription> describeTags(Ec2Client ec2, Filter... filters) {
        List<TagDescription> tags = new ArrayList<>();
        ec2.describeTagsPaginator(r -> r.filters(filters)).tags().forEach(tags::add);
        return tags;
    }

    private static List<AwsResource> unownedElb(ElasticLoadBalancingV2Client elb, String cluster) {
        List<AwsResource> unowned = new ArrayList<>();
        for (LoadBalancer.Tagged t : LoadBalancer.taggedResources(elb)) {
            if (cluster.equals(t.tags().get(Tags.CLUSTER)) && !t.tags().containsKey(Tags.OWNER)) {
                unowned.add(t.resource());
            }
        }
        return unowned;
    }
}

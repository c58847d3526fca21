package io.plk.orchestrator.aws;

import static io.plk.orchestrator.aws.Change.Action.CREATE;
import static io.plk.orchestrator.aws.Change.Action.UPDATE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AllowedPrincipal;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;

/**
 * Runbook Step 2.2: the endpoint service on the load balancer: acceptance as configured (required
 * by default), no private DNS name, and only the allowed principals.
 */
final class EndpointService {
    static final String ROLE = "endpoint-service";

    /** The service; null id and name for one a dry run would create. */
    record Service(String id, String name) {
    }

    private final Session s;
    private final Ec2Client ec2;

    EndpointService(Session session) {
        this.s = session;
        this.ec2 = session.aws.ec2();
    }

    /**
     * This cluster's service configurations. The tag filter is also checked here because moto
     * ignores the filters of DescribeVpcEndpointServiceConfigurations.
     */
    static List<ServiceConfiguration> find(Ec2Client ec2, Tags tags) {
        List<ServiceConfiguration> own = new ArrayList<>();
        ec2.describeVpcEndpointServiceConfigurationsPaginator(r -> r.filters(tags.own()))
                .serviceConfigurations().forEach(c -> {
                    if (tags.owns(c.tags())) {
                        own.add(c);
                    }
                });
        return own;
    }

    Service ensure(LoadBalancer.Lb lb) {
        String name = s.cluster() + "-endpoint-service";
        List<ServiceConfiguration> found = s.call("endpoint service " + name, () -> find(ec2, s.tags()));
        ServiceConfiguration config = found.isEmpty() ? null : found.get(0);
        boolean acceptance = s.spec().acceptanceRequired();
        String serviceId;
        String serviceName;
        if (config == null) {
            if (lb.arn() != null && !s.dryRun) {
                s.call("load balancer " + s.spec().loadBalancerName(), () -> s.aws.elb().waiter()
                        .waitUntilLoadBalancerAvailable(r -> r.loadBalancerArns(lb.arn())));
            }
            ServiceConfiguration created = s.change(new Change(CREATE, "endpoint-service", name, "on load balancer "
                            + s.spec().loadBalancerName() + ", acceptance " + (acceptance ? "required" : "not required")
                            + ", private DNS off"),
                    () -> ec2.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(lb.arn())
                            .acceptanceRequired(acceptance)
                            .tagSpecifications(s.tags().spec(ResourceType.VPC_ENDPOINT_SERVICE, ROLE, name)))
                            .serviceConfiguration());
            serviceId = created == null ? null : created.serviceId();
            serviceName = created == null ? null : created.serviceName();
        } else {
            serviceId = config.serviceId();
            serviceName = config.serviceName();
            if (config.acceptanceRequired() != acceptance) {
                s.change(new Change(UPDATE, "endpoint-service", name, "acceptance required " + acceptance),
                        () -> ec2.modifyVpcEndpointServiceConfiguration(r -> r.serviceId(serviceId)
                                .acceptanceRequired(acceptance)));
            }
            if (config.privateDnsName() != null) {
                s.change(new Change(UPDATE, "endpoint-service", name, "remove private DNS name " + config.privateDnsName()),
                        () -> ec2.modifyVpcEndpointServiceConfiguration(r -> r.serviceId(serviceId)
                                .removePrivateDnsName(true)));
            }
            List<String> lbs = config.networkLoadBalancerArns();
            if (!lbs.equals(List.of(lb.arn()))) {
                List<String> remove = lbs.stream().filter(a -> !a.equals(lb.arn())).toList();
                s.change(new Change(UPDATE, "endpoint-service", name, "serve load balancer " + s.spec().loadBalancerName()
                                + " only"),
                        () -> ec2.modifyVpcEndpointServiceConfiguration(r -> {
                            r.serviceId(serviceId);
                            if (!lbs.contains(lb.arn())) {
                                r.addNetworkLoadBalancerArns(lb.arn());
                            }
                            if (!remove.isEmpty()) {
                                r.removeNetworkLoadBalancerArns(remove);
                            }
                        }));
            }
        }
        ensurePrincipals(name, serviceId);
        return new Service(serviceId, serviceName);
    }

    private void ensurePrincipals(String name, String serviceId) {
        Set<String> actual = new LinkedHashSet<>();
        if (serviceId != null) {
            s.call("endpoint service " + name, () -> ec2.describeVpcEndpointServicePermissions(r -> r.serviceId(serviceId)))
                    .allowedPrincipals().stream().map(AllowedPrincipal::principal).forEach(actual::add);
        }
        Set<String> wanted = new LinkedHashSet<>(s.spec().allowedPrincipals());
        List<String> add = wanted.stream().filter(p -> !actual.contains(p)).toList();
        List<String> remove = actual.stream().filter(p -> !wanted.contains(p)).toList();
        if (!add.isEmpty() || !remove.isEmpty()) {
            s.change(new Change(UPDATE, "endpoint-service-permissions", name, "allow " + add + ", remove " + remove),
                    () -> ec2.modifyVpcEndpointServicePermissions(r -> {
                        r.serviceId(serviceId);
                        if (!add.isEmpty()) {
                            r.addAllowedPrincipals(add);
                        }
                        if (!remove.isEmpty()) {
                            r.removeAllowedPrincipals(remove);
                        }
                    }));
        }
    }
}

package io.plk.orchestrator.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The three SDK clients the provisioner uses, sharing one region, endpoint override, credentials
 * provider and {@link ApiCalls} counter.
 */
public final class AwsClients implements AutoCloseable {
    private final Ec2Client ec2;
    private final ElasticLoadBalancingV2Client elb;
    private final SsmClient ssm;
    private final AwsCredentialsProvider credentials;
    private final ApiCalls calls;

    private AwsClients(Ec2Client ec2, ElasticLoadBalancingV2Client elb, SsmClient ssm,
            AwsCredentialsProvider credentials, ApiCalls calls) {
        this.ec2 = ec2;
        this.elb = elb;
        this.ssm = ssm;
        this.credentials = credentials;
        this.calls = calls;
    }

    /** Clients for the spec's region and endpoint, credentials from the SDK's default provider chain. */
    public static AwsClients create(AwsSpec spec) {
        return create(spec, DefaultCredentialsProvider.builder().build(), 3, List.of());
    }

    /**
     * @param maxAttempts  SDK attempts per call (1 = no retry)
     * @param interceptors extra interceptors, after the call counter (tests inject failures here)
     */
    public static AwsClients create(AwsSpec spec, AwsCredentialsProvider credentials, int maxAttempts,
            List<ExecutionInterceptor> interceptors) {
        ApiCalls calls = new ApiCalls();
        List<ExecutionInterceptor> all = new ArrayList<>();
        all.add(calls);
        all.addAll(interceptors);
        ClientOverrideConfiguration config = ClientOverrideConfiguration.builder()
                .executionInterceptors(all)
                .retryStrategy(b -> b.maxAttempts(maxAttempts))
                .build();
        Region region = Region.of(spec.region());
        var ec2 = Ec2Client.builder().region(region).credentialsProvider(credentials).overrideConfiguration(config);
        var elb = ElasticLoadBalancingV2Client.builder().region(region).credentialsProvider(credentials)
                .overrideConfiguration(config);
        var ssm = SsmClient.builder().region(region).credentialsProvider(credentials).overrideConfiguration(config);
        if (spec.endpoint() != null) {
            ec2.endpointOverride(spec.endpoint());
            elb.endpointOverride(spec.endpoint());
            ssm.endpointOverride(spec.endpoint());
        }
        return new AwsClients(ec2.build(), elb.build(), ssm.build(), credentials, calls);
    }

    public Ec2Client ec2() {
        return ec2;
    }

    public ElasticLoadBalancingV2Client elb() {
        return elb;
    }

    public SsmClient ssm() {
        return ssm;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public ApiCalls calls() {
        return calls;
    }

    @Override
    public void close() {
        ec2.close();
        elb.close();
        ssm.close();
    }
}

/**
 * The AWS side of the runbook (Step 1.1-1.3, 2.1-2.2 and "Step 2. Expose the Kafka cluster as a
 * private link service") with the AWS SDK for Java v2, from the inventory's {@code aws:} section.
 *
 * <h2>Entry points</h2>
 * {@link io.plk.orchestrator.aws.AwsClients#create(AwsSpec)} (credentials from the SDK's default
 * provider chain: environment, profiles, SSO), then {@link io.plk.orchestrator.aws.AwsProvisioner}:
 * {@code plan}, {@code apply}, {@code drift}, {@code destroy}, {@code acceptConnections}.
 * {@link io.plk.orchestrator.aws.AwsPreflight} runs first (plan and apply call it) and reports every
 * input problem by field before any mutating call; the address blocks ({@link io.plk.orchestrator.aws.Cidr})
 * and the load balancer's ports were already checked, with their lines, when the inventory was loaded. {@link io.plk.orchestrator.aws.OutputsFile}
 * writes {@code <inventory>.outputs.yaml}. {@link io.plk.orchestrator.aws.ApiCalls} counts the calls.
 *
 * <h2>What apply creates</h2>
 * Every resource carries {@code plk:cluster=<cluster name>}, {@code plk:owner=<ownership id>},
 * {@code plk:role=<role>} and {@code Name}; each run finds them again by these tags, inside the VPC
 * also by the VPC's id (the load balancer and target groups by name, then checked by tags; see
 * {@link io.plk.orchestrator.aws.Ownership} for what is never touched), so there is no state file and a run interrupted anywhere is finished
 * by the next one. Describe before create everywhere: an unchanged inventory costs only reads.
 * <ul>
 * <li>VPC {@code <cluster>-vpc}; one subnet per broker AZ ID, created by AZ ID
 * ({@code <cluster>-broker-<azId>}, MapPublicIpOnLaunch=false); the bastion subnet
 * ({@code <cluster>-bastion}, MapPublicIpOnLaunch=true); internet gateway {@code <cluster>-igw};
 * route table {@code <cluster>-public} (0.0.0.0/0 to the gateway) associated with the bastion subnet
 * only. The AZ ID to AZ name mapping of the account is printed and written to the outputs.</li>
 * <li>Security groups (least privilege, unlike the runbook's "all TCP" and SSH from anywhere):
 * <ul>
 * <li>{@code <cluster>-bastion}: in TCP 22 from {@code aws.sshFrom} only (0.0.0.0/0 refused unless
 * {@code --allow-ssh-from-anywhere}); out TCP 0-65535 to the VPC CIDR, TCP 80 and 443 anywhere
 * (package installs on the bastion).</li>
 * <li>{@code <cluster>-brokers}: in TCP 22 from the bastion's group; the internal, controller and
 * external ports (9092/29092/39092 in the runbook) from the VPC CIDR, which includes the load
 * balancer's traffic and health checks; out TCP 0-65535 to the VPC CIDR. Nothing else.</li>
 * <li>{@code <cluster>-lb}: in the bootstrap port and every broker's advertised port from
 * {@code aws.loadBalancer.allowFrom} only; out the brokers' external ports to the VPC CIDR.</li>
 * </ul>
 * Rules not in this list (e.g. the default allow-all egress) are revoked.</li>
 * <li>Key pair {@code aws.keyPair}: reused when it exists (its private key must be at
 * {@code ssh.identityFile}), else created and the private key saved there with mode 0400.</li>
 * <li>Instances {@code bastion-node} (public IP) and {@code broker-node<N>} per broker in its AZ's
 * subnet, AMI from {@code /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}
 * unless {@code aws.ami}; apply waits until they run.</li>
 * <li>Internal network load balancer {@code aws.loadBalancer.name} across the broker subnets,
 * cross-zone as configured (off by default); target groups {@code <cluster>-bootstrap} (every
 * broker's external port) and {@code <cluster>-b<N>} (broker N's external port), TCP with TCP
 * health checks; one TCP listener per group: the bootstrap port, and each broker's advertised
 * port. All ports come from {@link io.plk.orchestrator.aws.BrokerSlot}, the plan the advertised
 * listeners are rendered from. Listeners and targets that differ from it are drift, repaired by
 * apply.</li>
 * <li>Endpoint service on the load balancer: acceptance required (configurable), no private DNS
 * name, exactly the allowed principals.</li>
 * </ul>
 *
 * <h2>Destroy</h2>
 * Everything tagged with the cluster, in dependency order (instances, endpoint service, load
 * balancer, target groups, route table after explicit disassociation, subnets, gateway, security
 * groups, VPC, key pair); dependency errors while AWS winds resources down are retried.
 *
 * <h2>Tests and moto 5.2.1</h2>
 * The tests run a real {@code moto_server} (see {@code MotoServer} in the tests). moto has no
 * DescribeVpcEndpointConnections or AcceptVpcEndpointConnections (HTTP 500), so
 * accept-connections is tested at the SDK boundary, with an {@code Ec2Client} that serves pending
 * connections and records the accept request. moto ignores the filters of
 * DescribeVpcEndpointServiceConfigurations, so the cluster tag is also checked client-side.
 */
package io.plk.orchestrator.aws;

package io.plk.orchestrator.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Health check and deregistration delay of every target group, chosen for Kafka behind an NLB during a
 * rolling restart (the AWS defaults are for web servers):
 * <ul>
 *   <li>TCP check on the traffic port: the EXTERNAL listener accepts connections only while Kafka runs, so
 *       the check sees exactly what a client sees; a check on another port could be healthy while Kafka is
 *       down.</li>
 *   <li>interval {@value #INTERVAL_SECONDS} s, healthy and unhealthy threshold {@value #HEALTHY_THRESHOLD}
 *       and {@value #UNHEALTHY_THRESHOLD}: a stopped broker leaves the groups after about 20 s and a started
 *       one is back after about 20 s (defaults 30 s and 3: 90 s per broker, which the roll would wait on every
 *       broker).</li>
 *   <li>timeout {@value #TIMEOUT_SECONDS} s: below the interval, and a TCP connect inside the VPC takes
 *       milliseconds.</li>
 *   <li>deregistration delay {@value #DEREGISTRATION_DELAY_SECONDS} s: a stopped broker's connections are
 *       closed by Kafka anyway; the default 300 s would keep them draining for 5 minutes.</li>
 * </ul>
 */
final class TargetGroupHealth {
    static final String TRAFFIC_PORT = "traffic-port";
    static final int INTERVAL_SECONDS = 10;
    static final int TIMEOUT_SECONDS = 5;
    static final int HEALTHY_THRESHOLD = 2;
    static final int UNHEALTHY_THRESHOLD = 2;
    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    static final int DEREGISTRATION_DELAY_SECONDS = 30;

    private TargetGroupHealth() {
    }

    /** A new group's health check. */
    static CreateTargetGroupRequest.Builder healthCheck(CreateTargetGroupRequest.Builder request) {
        return request.healthCheckProtocol(ProtocolEnum.TCP).healthCheckPort(TRAFFIC_PORT)
                .healthCheckIntervalSeconds(INTERVAL_SECONDS).healthCheckTimeoutSeconds(TIMEOUT_SECONDS)
                .healthyThresholdCount(HEALTHY_THRESHOLD).unhealthyThresholdCount(UNHEALTHY_THRESHOLD);
    }

    /** An existing group's health check brought back (the same setters, on another builder type). */
    static ModifyTargetGroupRequest.Builder healthCheck(ModifyTargetGroupRequest.Builder request) {
        return request.healthCheckProtocol(ProtocolEnum.TCP).healthCheckPort(TRAFFIC_PORT)
                .healthCheckIntervalSeconds(INTERVAL_SECONDS).healthCheckTimeoutSeconds(TIMEOUT_SECONDS)
                .healthyThresholdCount(HEALTHY_THRESHOLD).unhealthyThresholdCount(UNHEALTHY_THRESHOLD);
    }

    /** How the group's health check differs from these values; empty when it does not. */
    static List<String> drift(TargetGroup group) {
        List<String> differs = new ArrayList<>();
        compare(differs, "protocol", group.healthCheckProtocol(), ProtocolEnum.TCP);
        compare(differs, "port", group.healthCheckPort(), TRAFFIC_PORT);
        compare(differs, "interval", group.healthCheckIntervalSeconds(), INTERVAL_SECONDS);
        compare(differs, "timeout", group.healthCheckTimeoutSeconds(), TIMEOUT_SECONDS);
        compare(differs, "healthy threshold", group.healthyThresholdCount(), HEALTHY_THRESHOLD);
        compare(differs, "unhealthy threshold", group.unhealthyThresholdCount(), UNHEALTHY_THRESHOLD);
        return differs;
    }

    /** The deregistration delay's drift; empty when the attributes have the value. */
    static List<String> drift(Map<String, String> attributes) {
        List<String> differs = new ArrayList<>();
        compare(differs, DEREGISTRATION_DELAY, attributes.get(DEREGISTRATION_DELAY),
                String.valueOf(DEREGISTRATION_DELAY_SECONDS));
        return differs;
    }

    private static void compare(List<String> differs, String what, Object actual, Object wanted) {
        if (!wanted.equals(actual)) {
            differs.add(what + " " + actual + " -> " + wanted);
        }
    }
}

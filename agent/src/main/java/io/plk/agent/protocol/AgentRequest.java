package io.plk.agent.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The JSON the agent reads on stdin. One shape for every command; each command checks the fields
 * it needs with {@link #require}.
 *
 * @param archive        local path of a Kafka .tgz on this host (install)
 * @param template       FreeMarker text of server.properties (configure)
 * @param model          values the template reads (configure)
 * @param bootstrap      where the Admin client connects: this broker's INTERNAL listener, or any
 *                       bootstrap address for verify
 * @param serveDir       folder the bastion serves while an apply runs (serve)
 * @param servePort      port it serves on (serve; absent: any free port)
 * @param serveAddress   the bastion's private address, the only one it binds (serve)
 * @param serveToken     the random path segment of this apply, without which nothing is served (serve)
 * @param serveFiles     the only file names of {@code serveDir} it answers: this apply's artifacts (serve)
 * @param check          report what would change without changing it (configure, patch)
 * @param serviceStart   how the cluster is started today, a program and its arguments run without a shell,
 *                       e.g. {@code [sudo, systemctl, start, kafka]} (start; absent: the agent launches Kafka itself)
 * @param serviceStop    how the cluster is stopped today, likewise (stop; absent: SIGTERM to the process)
 * @param steps          commands to run in order in one process (converge)
 * @param externalPort   port the EXTERNAL listener binds on all interfaces, e.g. 39092 (patch)
 * @param advertisedExternal this broker's EXTERNAL advertised {@code host:port}, e.g.
 *                       {@code b1.usw2-az1.unique_name.aws.plc.tidbcloud.com:9093} (patch)
 * @param restartedAtMs  when the broker asked about was started again, epoch ms on its clock: only
 *                       quorum data newer than that counts as caught up (health, after a restart)
 * @param scramUsers     SCRAM users of the EXTERNAL listener with their passwords, which travel on
 *                       stdin only (users, with {@code bootstrap} and {@code externalPort}; verify, advertised
 *                       and access log in as the first)
 * @param externalProtocol  PLAINTEXT or SASL_PLAINTEXT: what EXTERNAL speaks after the patch (patch; absent: PLAINTEXT)
 * @param externalMechanism the SCRAM mechanism with SASL_PLAINTEXT (patch)
 * @param serviceMode   how Kafka runs on a host this tool installs: auto (systemd where the host booted with it,
 *                      else a detached process), systemd or process (service, start, stop, facts; absent: auto)
 * @param finalizeFeatures raise metadata.version to what this Kafka runs in production: no way back (features)
 * @param replaceExternal rewrite an EXTERNAL entry that points elsewhere instead of refusing; how a
 *                       new advertised name reaches an existing cluster (patch; absent means false)
 * @param acls           the ACLs every user of {@code scramUsers} should have, no more (users; absent: the
 *                       cluster has no authorizer and ACLs are left alone)
 * @param removeUsers    delete the SCRAM users the cluster has but {@code scramUsers} lacks, and their ACLs
 *                       (users; absent means false: they are only listed)
 * @param accessProbe    what to ask EXTERNAL as the first SCRAM user to prove its ACLs hold (access)
 * @param externalKeystore the EXTERNAL listener's TLS key and certificate chain, written 0600 where the
 *                       template's keystore location says (configure; absent: EXTERNAL has no TLS)
 * @param externalCa     PEM certificates of the CA that signed EXTERNAL's certificates: present, clients of
 *                       EXTERNAL speak TLS and trust only it (users, advertised, verify)
 * @param roles          this node's {@code process.roles}: {@code [broker, controller]} (absent: the same),
 *                       {@code [broker]} or {@code [controller]} (start, health)
 * @param initialControllers the first voters of a new dynamic quorum, {@code id@host:port:directoryId,...}, the
 *                       same on every controller (format of a controller whose config has
 *                       controller.quorum.bootstrap.servers)
 * @param joinQuorum     format a controller that joins a running dynamic quorum: it starts as an observer until
 *                       {@code addVoter} (format; absent means false)
 * @param removeNodeId   the node a scale-in takes out: the broker to empty or unregister, the voter to remove
 *                       (reassign, unregister, removeVoter)
 * @param throttleBytesPerSecond the replication throttle, bytes per second on each broker involved, for the moves
 *                       off {@code removeNodeId} (reassign)
 * @param replacing      {@code removeNodeId}'s host is being replaced: remove its voter only if lost, even from a
 *                       quorum of three (removeVoter; absent means false)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record AgentRequest(
        String kafkaHome,
        String archive,
        String sha512,
        String javaHome,
        String configFile,
        String template,
        Map<String, Object> model,
        List<String> dataDirs,
        String clusterId,
        Integer nodeId,
        String logDir,
        String stateDir,
        String heap,
        String bootstrap,
        Integer timeoutSeconds,
        String topic,
        Integer messages,
        String serveDir,
        Integer servePort,
        Boolean check,
        List<String> steps,
        Integer externalPort,
        String advertisedExternal,
        Boolean replaceExternal,
        List<String> serviceStart,
        List<String> serviceStop,
        Long restartedAtMs,
        String serveAddress,
        String serveToken,
        List<String> serveFiles,
        List<ScramUser> scramUsers,
        String externalProtocol,
        String externalMechanism,
        String serviceMode,
        Boolean finalizeFeatures,
        List<UserAcl> acls,
        Boolean removeUsers,
        AccessProbe accessProbe,
        TlsKeystore externalKeystore,
        String externalCa,
        List<String> roles,
        String initialControllers,
        Boolean joinQuorum,
        Integer removeNodeId,
        Long throttleBytesPerSecond,
        Boolean replacing) {

    public <T> T require(T value, String field) {
        if (value == null) {
            throw new BadRequestException("request lacks '" + field + "'");
        }
        return value;
    }

    public boolean isCheck() {
        return Boolean.TRUE.equals(check);
    }

    public boolean finalizing() {
        return Boolean.TRUE.equals(finalizeFeatures);
    }

    public boolean isRemoveUsers() {
        return Boolean.TRUE.equals(removeUsers);
    }

    public boolean isReplacing() {
        return Boolean.TRUE.equals(replacing);
    }

    public boolean isJoinQuorum() {
        return Boolean.TRUE.equals(joinQuorum);
    }

    public NodeRoles nodeRoles() {
        return roles == null ? NodeRoles.COMBINED : NodeRoles.of(roles);
    }

    public boolean isReplaceExternal() {
        return Boolean.TRUE.equals(replaceExternal);
    }

    public int timeoutOr(int seconds) {
        return timeoutSeconds == null ? seconds : timeoutSeconds;
    }
}

package io.plk.agent.auth;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;

/**
 * What turns the ACLs some principals have into the ones they should have. {@code current} holds only
 * the ACLs of the principals the caller manages, so nothing of another principal can land in
 * {@code remove}. Pure: tested without a cluster.
 */
public record AclDiff(List<AclBinding> add, List<AclBinding> remove) {
    private static final Comparator<AclBinding> READABLE = Comparator.comparing(AclDiff::describe);

    public static AclDiff between(Collection<AclBinding> desired, Collection<AclBinding> current) {
        Set<AclBinding> want = new LinkedHashSet<>(desired);
        Set<AclBinding> have = new LinkedHashSet<>(current);
        return new AclDiff(want.stream().filter(b -> !have.contains(b)).sorted(READABLE).toList(),
                have.stream().filter(b -> !want.contains(b)).sorted(READABLE).toList());
    }

    public boolean isEmpty() {
        return add.isEmpty() && remove.isEmpty();
    }

    public List<String> added() {
        return add.stream().map(AclDiff::describe).toList();
    }

    public List<String> removed() {
        return remove.stream().map(AclDiff::describe).toList();
    }

    /** e.g. {@code User:tidb-cdc ALLOW WRITE TOPIC:cdc- (prefixed)}; the host only when it is not every host. */
    public static String describe(AclBinding binding) {
        var entry = binding.entry();
        var pattern = binding.pattern();
        return entry.principal() + " " + entry.permissionType() + " " + entry.operation() + " " + pattern.resourceType() + ":" + pattern.name()
                + (pattern.patternType() == PatternType.LITERAL ? "" : " (" + pattern.patternType().name().toLowerCase()
                + ")") + ("*".equals(entry.host()) ? "" : " from " + entry.host());
    }
}

package io.plk.agent.auth;

import io.plk.agent.protocol.BadRequestException;
import io.plk.agent.protocol.UserAcl;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of the users the {@code users} command manages, through the Admin client. Each principal's
 * ACLs are read by principal, so the ACLs of any other principal are never read, compared or deleted.
 */
final class UserAcls {
    private final Admin admin;
    private final Duration timeout;

    UserAcls(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** What turns the ACLs of {@code users} into {@code desired}; a user without desired ACLs loses them all. */
    AclDiff diff(List<UserAcl> desired, Collection<String> users) throws IOException, InterruptedException {
        List<AclBinding> current = new ArrayList<>();
        for (String user : users) {
            current.addAll(current(user));
        }
        return AclDiff.between(desired.stream().map(UserAcls::binding).toList(), current);
    }

    void apply(AclDiff diff) throws IOException, InterruptedException {
        if (!diff.add().isEmpty()) {
            wait(admin.createAcls(diff.add()).all());
        }
        if (!diff.remove().isEmpty()) {
            wait(admin.deleteAcls(diff.remove().stream().map(AclBinding::toFilter).toList()).all());
        }
    }

    /**
     * The brokers take new ACLs from the metadata log a moment after the controller: until every answer
     * agrees, a second run could see the old state and a verify could be refused.
     */
    void await(List<UserAcl> desired, Collection<String> users) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!diff(desired, users).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the ACLs of " + users + " still differ from the inventory "
                        + timeout.toSeconds() + " s after they were written");
            }
            Thread.sleep(200);
        }
    }

    static String principal(String user) {
        return "User:" + user;
    }

    static AclBinding binding(UserAcl acl) {
        try {
            return new AclBinding(new ResourcePattern(ResourceType.valueOf(acl.resource()), acl.name(),
                    PatternType.valueOf(acl.pattern())), new AccessControlEntry(principal(acl.user()), "*",
                    AclOperation.valueOf(acl.operation()), AclPermissionType.ALLOW));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadRequestException("not an ACL Kafka knows: " + acl);
        }
    }

    private Collection<AclBinding> current(String user) throws IOException, InterruptedException {
        AclBindingFilter ofUser = new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(
                principal(user), null, AclOperation.ANY, AclPermissionType.ANY));
        return wait(admin.describeAcls(ofUser).values());
    }

    private <T> T wait(org.apache.kafka.common.KafkaFuture<T> future) throws IOException, InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                throw new IOException("the brokers have no authorizer (authorizer.class.name), so they keep no ACLs:"
                        + " configure and restart them first", e.getCause());
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from the cluster within " + timeout.toSeconds() + " s", e);
        }
    }
}

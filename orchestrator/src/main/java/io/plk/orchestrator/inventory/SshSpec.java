package io.plk.orchestrator.inventory;

import java.nio.file.Path;

/** The {@code ssh:} section. Brokers are only ever reached through the bastion. */
public record SshSpec(String user, Path identityFile, Path knownHosts, String strictHostKeyChecking,
        BastionSpec bastion) {

    /** The remote user's home on the brokers, e.g. {@code /home/ec2-user}. */
    public static String homeOf(String user) {
        return user.equals("root") ? "/root" : "/home/" + user;
    }

    public SshSpec withBastionHost(String host) {
        return new SshSpec(user, identityFile, knownHosts, strictHostKeyChecking,
                new BastionSpec(host, bastion.port(), bastion.user()));
    }
}

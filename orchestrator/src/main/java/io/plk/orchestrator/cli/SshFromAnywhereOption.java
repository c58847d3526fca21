package io.plk.orchestrator.cli;

import picocli.CommandLine.Option;

/** The opt-in to open the bastion's SSH to every address: the commands that judge aws.sshFrom share it. */
final class SshFromAnywhereOption {
    @Option(names = "--allow-ssh-from-anywhere", description = "accept aws.sshFrom blocks that together are "
            + "0.0.0.0/0")
    boolean allowed;
}

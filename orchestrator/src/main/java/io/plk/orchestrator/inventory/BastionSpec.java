package io.plk.orchestrator.inventory;

/** @param host null until AWS provisioning supplies the bastion's public address */
public record BastionSpec(String host, int port, String user) {
}

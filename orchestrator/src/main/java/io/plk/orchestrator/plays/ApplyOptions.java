package io.plk.orchestrator.plays;

import java.util.OptionalInt;

/**
 * What the user allowed this apply beyond converging to the inventory.
 *
 * @param replaceBroker    the node whose host was replaced (empty disk, same id and address): format and rejoin it
 * @param replaceExternal  on an existing cluster, rewrite an EXTERNAL listener that points elsewhere
 * @param finalizeFeatures once every broker runs the plan's Kafka, raise metadata.version to it: no way back
 * @param removeUsers      delete the cluster's SCRAM users the inventory lacks, and their ACLs
 * @param allowPortChange  let a broker's load balancer port move from the one the last apply gave it
 */
public record ApplyOptions(OptionalInt replaceBroker, boolean replaceExternal, boolean finalizeFeatures,
                           boolean removeUsers, boolean allowPortChange) {
}

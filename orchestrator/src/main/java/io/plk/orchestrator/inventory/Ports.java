package io.plk.orchestrator.inventory;

/** The three listener ports every broker binds (runbook: 29092, 9092, 39092). */
public record Ports(int controller, int internal, int external) {
}

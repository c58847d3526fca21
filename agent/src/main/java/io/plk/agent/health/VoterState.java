package io.plk.agent.health;

/** A KRaft voter: how far its log is and when it last caught up with the leader (-1: never). */
public record VoterState(int nodeId, long logEndOffset, long lastCaughtUpTimestamp) {
}

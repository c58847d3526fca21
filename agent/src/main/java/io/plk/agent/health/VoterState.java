package io.plk.agent.health;

/**
 * A KRaft voter (or observer) as the leader sees it: how far its log is, when it last fetched and when it last
 * caught up (epoch milliseconds on the leader's clock; -1: never).
 */
public record VoterState(int nodeId, long logEndOffset, long lastFetchTimestamp, long lastCaughtUpTimestamp) {
}

package io.plk.agent.protocol;

/**
 * What the {@code access} check asks the EXTERNAL listener as a user, chosen by the plan from the user's
 * ACLs; a null field is a question it cannot ask (e.g. no topic lies outside ACLs on every topic).
 *
 * @param allowedTopic a topic the user may describe: Metadata must not answer TOPIC_AUTHORIZATION_FAILED
 * @param deniedTopic  a topic outside the user's ACLs: Metadata must answer TOPIC_AUTHORIZATION_FAILED
 * @param deniedGroup  a consumer group outside them: FindCoordinator must answer GROUP_AUTHORIZATION_FAILED
 */
public record AccessProbe(String allowedTopic, String deniedTopic, String deniedGroup) {
}

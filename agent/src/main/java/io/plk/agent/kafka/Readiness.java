package io.plk.agent.kafka;

import io.plk.agent.health.ClusterProbe;

/** What "started" means for one kind of node, asked again and again while it starts. */
final class Readiness {
    interface ProbeFactory {
        ClusterProbe open();
    }

    /** @return null when ready, else why not yet */
    interface Question {
        String whyNot(ClusterProbe probe) throws Exception;
    }

    private final String what;
    private final String ready;
    private final ProbeFactory factory;
    private final Question question;
    private String lastWhyNot = "";

    Readiness(String what, String ready, ProbeFactory factory, Question question) {
        this.what = what;
        this.ready = ready;
        this.factory = factory;
        this.question = question;
    }

    ClusterProbe probe() {
        return factory.open();
    }

    String what() {
        return what;
    }

    String ready() {
        return ready;
    }

    /** An error answering is "not yet": the node, or the cluster, is still coming up. */
    boolean isReady(ClusterProbe probe) {
        try {
            String why = question.whyNot(probe);
            lastWhyNot = why == null ? "" : "Last seen: " + why + ". ";
            return why == null;
        } catch (Exception notYet) {
            lastWhyNot = "Last seen: " + notYet + ". ";
            return false;
        }
    }

    String lastWhyNot() {
        return lastWhyNot;
    }
}

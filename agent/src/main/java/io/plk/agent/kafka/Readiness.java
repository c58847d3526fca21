package io.plk.agent.kafka;

import io.plk.agent.health.ClusterProbe;

/** What "started" means for one kind of node, asked again and again while it starts. */
final class Readiness implements AutoCloseable {
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
    private ClusterProbe probe;
    private String lastWhyNot = "";

    Readiness(String what, String ready, ProbeFactory factory, Question question) {
        this.what = what;
        this.ready = ready;
        this.factory = factory;
        this.question = question;
    }

    String what() {
        return what;
    }

    String ready() {
        return ready;
    }

    /**
     * An error answering is "not yet": the node, or the cluster, is still coming up. The next question goes to a new
     * client: the Admin client keeps an "unsupported" answer (which a controller gives until it has loaded the
     * metadata version) for every later call, and one that asked a quorum still electing may never find a node to
     * ask again (seen in CI: a controller that had joined timed out for 180 s while a new client answered at once).
     */
    boolean isReady() {
        if (probe == null) {
            probe = factory.open();
        }
        try {
            String why = question.whyNot(probe);
            lastWhyNot = why == null ? "" : "Last seen: " + why + ". ";
            return why == null;
        } catch (Exception notYet) {
            lastWhyNot = "Last seen: " + notYet + ". ";
            close();
            return false;
        }
    }

    String lastWhyNot() {
        return lastWhyNot;
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }
}

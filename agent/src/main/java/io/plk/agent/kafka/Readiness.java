package io.plk.agent.kafka;

import io.plk.agent.health.ClusterProbe;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

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

    /** An error answering is "not yet": the node, or the cluster, is still coming up. */
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
            if (keptForGood(notYet)) {
                close();
            }
            return false;
        }
    }

    /**
     * The Admin client treats these as fatal and fails every later call with them, though a controller answers
     * "unsupported" only until it has loaded the metadata version: the next question needs a new client.
     */
    private static boolean keptForGood(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnsupportedVersionException || cause instanceof AuthenticationException) {
                return true;
            }
        }
        return false;
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

package io.plk.agent.health;

import java.util.ArrayList;
import java.util.List;

/** An answer with its reasons, so the user sees why a restart waits. */
public record Verdict(boolean yes, List<String> reasons) {

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    public static Verdict yes(String reason) {
        return new Verdict(true, List.of(reason));
    }

    public static Verdict no(List<String> reasons) {
        return new Verdict(false, reasons);
    }

    /** Both must say yes; a no keeps only the reasons against. */
    public Verdict and(Verdict other) {
        List<String> why = new ArrayList<>();
        if (yes == other.yes) {
            why.addAll(reasons);
            why.addAll(other.reasons);
        } else {
            why.addAll(yes ? other.reasons : reasons);
        }
        return new Verdict(yes && other.yes, why);
    }
}

package io.plk.orchestrator.plan;

import io.plk.orchestrator.inventory.InventoryException;
import io.plk.orchestrator.inventory.PrivateLinkSpec;
import io.plk.orchestrator.inventory.Problem;
import io.plk.orchestrator.inventory.TlsIdentity;
import io.plk.orchestrator.tls.DnsNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each broker's certificate covers the names its TLS clients check ({@link Plan#tlsNames}): else the
 * inventory is refused at the certificate's field and line, with the names it lacks. A question for the
 * plan, not the inventory reader, as the names are derived.
 */
final class CertificateNames {
    private CertificateNames() {
    }

    static void check(Plan plan) {
        Map<TlsIdentity, List<String>> missing = new LinkedHashMap<>();
        for (BrokerPlan broker : plan.brokerNodes()) {
            plan.tlsIdentity(broker).ifPresent(identity -> plan.tlsNames(broker).stream()
                    .filter(name -> !DnsNames.covers(DnsNames.of(identity.certificate()), name))
                    .forEach(name -> missing.computeIfAbsent(identity, i -> new ArrayList<>()).add(name)));
        }
        List<Problem> problems = new ArrayList<>();
        missing.forEach((identity, names) -> problems.add(new Problem(identity.field(), identity.line(),
                identity.certificateFile() + " (DNS names " + DnsNames.of(identity.certificate()) + ") does not cover "
                        + String.join(", ", names) + ": TLS clients check the name they connect to against the "
                        + "certificate's subjectAltName; issue it with " + (names.size() > 1 ? "these" : "this")
                        + " as DNS names (a wildcard *. stands for one whole label)" + placeholderHint(plan))));
        if (!problems.isEmpty()) {
            throw new InventoryException(plan.inventory().file(), problems);
        }
    }

    private static String placeholderHint(Plan plan) {
        boolean advertisedNames = plan.externalTls().orElseThrow().serverName().isEmpty();
        return advertisedNames && plan.inventory().privateLink().uniqueName().equals(
                PrivateLinkSpec.UNIQUE_NAME_PLACEHOLDER) ? ". uniqueName is still the placeholder: apply without tls,"
                + " run set-unique-name, then add tls with a certificate for the final names" : "";
    }
}

package io.plk.orchestrator.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The DNS names of a certificate (its subjectAltName; clients no longer read the CN when there are any) and
 * whether one covers a host name as TLS clients match them: exactly, or through a wildcard that stands for
 * the whole left-most label and nothing more ({@code *.az1.example.com} covers {@code b1.az1.example.com},
 * not {@code az1.example.com} nor {@code x.b1.az1.example.com}).
 */
public final class DnsNames {
    private static final int DNS_NAME = 2;

    private DnsNames() {
    }

    public static List<String> of(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                alternatives.stream().filter(a -> (Integer) a.get(0) == DNS_NAME)
                        .forEach(a -> names.add((String) a.get(1)));
            }
        } catch (CertificateParsingException e) {
            return names;
        }
        return names;
    }

    public static boolean covers(List<String> names, String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        for (String name : names) {
            String pattern = name.toLowerCase(Locale.ROOT);
            int dot = wanted.indexOf('.');
            if (pattern.equals(wanted) || pattern.startsWith("*.") && dot > 0
                    && pattern.substring(1).equals(wanted.substring(dot))) {
                return true;
            }
        }
        return false;
    }
}

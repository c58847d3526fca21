package io.plk.orchestrator.plays;

import io.plk.orchestrator.inventory.Artifact;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache publishes {@code <archive>.sha512} beside every release archive: a Kafka archive from there
 * without {@code cluster.kafka.sha512} is checked against it.
 */
public final class PublishedChecksum {
    /** The hosts whose archives have their {@code .sha512} beside them. */
    static final Set<String> APACHE_HOSTS = Set.of("archive.apache.org", "downloads.apache.org", "dlcdn.apache.org");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** {@code sha512sum}: {@code <hex>  <name>} (or {@code *<name>}, or the hex alone). */
    private static final Pattern SHA512SUM = Pattern.compile("([0-9a-fA-F]{128})(?:\\s+\\*?(\\S+))?");
    /** {@code gpg --print-md SHA512}: {@code <name>: ABCD 1234 ...}, the groups wrapped over lines. */
    private static final Pattern GPG = Pattern.compile("(\\S+?)\\s*:\\s*([0-9a-fA-F\\s]+)");

    private PublishedChecksum() {
    }

    /** The plan whose Kafka archive carries its published SHA-512, when it is an Apache archive without one. */
    static Plan resolve(Plan plan, Report report) {
        Artifact kafka = plan.inventory().cluster().kafka();
        if (kafka == null || plan.inventory().existing().isPresent()) {
            return plan;
        }
        return url(kafka).map(url -> {
            report.info("checking " + kafka.fileName() + " against the published " + url);
            return plan.withKafka(new Artifact(kafka.location(), fetch(url, kafka.fileName())));
        }).orElse(plan);
    }

    /** {@code <archive>.sha512} for an https archive on an Apache host that has no sha512 in the inventory. */
    static Optional<URI> url(Artifact archive) {
        if (archive.sha512() != null || !archive.location().startsWith("https://")) {
            return Optional.empty();
        }
        URI location;
        try {
            location = URI.create(archive.location());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean apache = location.getHost() != null
                && APACHE_HOSTS.contains(location.getHost().toLowerCase(Locale.ROOT));
        return apache && location.getQuery() == null && location.getFragment() == null
                ? Optional.of(URI.create(archive.location() + ".sha512")) : Optional.empty();
    }

    /** The SHA-512 that {@code url} publishes for {@code fileName}. */
    static String fetch(URI url, String fileName) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw unavailable(url, "HTTP " + response.statusCode());
            }
            return parse(response.body(), fileName);
        } catch (IOException | IllegalArgumentException e) {
            throw unavailable(url, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(url, "interrupted");
        }
    }

    /** The hex digits of a {@code .sha512} file in either of Apache's two formats, lower case. */
    static String parse(String text, String fileName) {
        String body = text.strip();
        Matcher plain = SHA512SUM.matcher(body);
        Matcher gpg = GPG.matcher(body);
        String name;
        String hex;
        if (plain.matches()) {
            name = plain.group(2);
            hex = plain.group(1);
        } else if (gpg.matches() && gpg.group(2).replaceAll("\\s", "").length() == 128) {
            name = gpg.group(1);
            hex = gpg.group(2).replaceAll("\\s", "");
        } else {
            throw new IllegalArgumentException("it holds no SHA-512 in sha512sum or gpg format");
        }
        if (name != null && !name.substring(name.lastIndexOf('/') + 1).equals(fileName)) {
            throw new IllegalArgumentException("it is the checksum of " + name + ", not of " + fileName);
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static PlayFailedException unavailable(URI url, String why) {
        return new PlayFailedException("could not use the published checksum " + url + " (" + why + "): add "
                + "cluster.kafka.sha512: with the archive's SHA-512 to the inventory (Apache lists it beside each "
                + "download)");
    }
}

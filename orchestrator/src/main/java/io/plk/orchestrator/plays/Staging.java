package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.Status;
import io.plk.orchestrator.inventory.Artifact;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.ssh.RemoteHost;
import io.plk.orchestrator.ssh.RemoteProcess;
import io.plk.orchestrator.ssh.Shell;
import io.plk.orchestrator.ssh.UploadResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Artifacts cross the operator's link once, to the bastion; the bastion's agent then serves them on
 * its private address while the play runs, and brokers fetch them from there.
 */
public final class Staging implements AutoCloseable {
    static final String STAGE_DIR = ".plk/stage";
    public static final int PORT = 18765;
    private final Plan plan;
    private final Report report;
    private final List<StagedFile> files = new ArrayList<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    private RemoteProcess server;
    private String token;

    Staging(Plan plan, Report report) {
        this.plan = plan;
        this.report = report;
    }

    /** Uploads (or, for URLs, lets the bastion download) every artifact, skipping what is already there. */
    void stage(RemoteHost bastion) throws IOException {
        report.task("stage artifacts on the bastion");
        String label = "bastion " + bastion.address();
        files.add(upload(bastion, label, AgentJar.extract(), AgentJar.NAME));
        Artifact kafka = plan.inventory().cluster().kafka();
        if (kafka != null && plan.inventory().existing().isEmpty()) {
            files.add(artifact(bastion, label, kafka));
        }
        Artifact java = plan.inventory().cluster().javaArchive();
        if (java != null) {
            files.add(artifact(bastion, label, java));
        }
    }

    /**
     * Starts the bastion's staging server on {@code privateAddress} only, for this apply's files only, under a
     * fresh random path token; it stops when this object is closed (or the session drops).
     */
    void serve(RemoteHost bastion, String privateAddress) throws IOException {
        String java = bastionJava(bastion);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String request = AgentClient.JSON.writeValueAsString(Map.of("serveDir", STAGE_DIR, "servePort", PORT,
                "serveAddress", privateAddress, "serveToken", token,
                "serveFiles", files.stream().map(StagedFile::name).toList()));
        server = bastion.start(AgentClient.jvm(java) + AgentClient.agentMain(STAGE_DIR + "/" + AgentJar.NAME, "serve"));
        server.send(request);
        String line = server.readLine();
        AgentResult result = line == null ? null : AgentClient.JSON.readValue(line, AgentResult.class);
        if (result == null || result.isFailed()) {
            throw new PlayFailedException("bastion " + bastion.address(), "serve",
                    result == null ? "the staging server did not start" : result.msg());
        }
        report.step("bastion " + bastion.address(), Status.OK, result.msg());
    }

    /**
     * Whether the broker already holds every staged file, verified by an earlier fetch (its sha256
     * marker matches): then nothing is served and nothing is hashed again.
     */
    boolean presentOn(RemoteHost broker, String dir) throws IOException {
        StringBuilder test = new StringBuilder(Shell.format("cd {} 2>/dev/null", dir));
        for (StagedFile file : files) {
            test.append(Shell.format(" && [ -f {} ] && [ \"$(cat {} 2>/dev/null)\" = {} ]", file.name(),
                    "." + file.name() + ".sha256", file.sha256()));
        }
        return broker.exec(test.toString()).succeeded();
    }

    /**
     * Fetches the staged files into the broker's artifact folder; true when anything was downloaded. The token
     * travels on the script's stdin, never on a command line (which others on the broker can read, and the log).
     */
    boolean fetch(RemoteHost broker, String bastionAddress, String dir) throws IOException {
        List<String> words = new ArrayList<>(List.of("bash", "-s", "--", bastionAddress, Integer.toString(PORT), dir));
        files.forEach(file -> words.add(file.name() + "=" + file.sha256()));
        var result = broker.exec(io.plk.orchestrator.ssh.Command.of(Shell.line(words.toArray(String[]::new)))
                .withStdin(script(token)));
        if (!result.succeeded()) {
            throw new PlayFailedException("broker " + broker.address().host(), "fetch", result.stderr().strip());
        }
        return result.stdout().contains("changed ");
    }

    private StagedFile artifact(RemoteHost bastion, String label, Artifact artifact) throws IOException {
        if (!artifact.isUrl()) {
            return upload(bastion, label, Path.of(artifact.location()), artifact.fileName());
        }
        String target = STAGE_DIR + "/" + artifact.fileName();
        String sha256 = bastion.remoteSha256(target);
        if (sha256 == null) {
            bastion.exec(download(artifact, target)).requireSuccess();
            sha256 = bastion.remoteSha256(target);
            report.step(label, Status.CHANGED, "downloaded " + artifact.location() + " on the bastion");
        } else {
            report.step(label, Status.OK, artifact.fileName() + " already staged");
        }
        return new StagedFile(artifact.fileName(), sha256);
    }

    /** Downloads into {@code target}, which appears only once the download is whole and matches its sha512. */
    static String download(Artifact artifact, String target) {
        String part = target + ".part";
        String check = artifact.sha512() == null ? "" : Sha512Check.line(part, artifact.sha512(),
                artifact.location() + " does not have the expected SHA-512 " + artifact.sha512()
                        + ": the download is corrupt or the checksum is wrong; nothing was staged") + " && ";
        return Shell.format("mkdir -p -- {} && curl -fsSL --retry 3 -o {} {} && ", Path.of(target).getParent()
                .toString(), part, artifact.location()) + check + Shell.format("mv -f -- {} {}", part, target);
    }

    private StagedFile upload(RemoteHost bastion, String label, Path local, String name) throws IOException {
        UploadResult result = bastion.upload(local, STAGE_DIR + "/" + name);
        report.step(label, result.sent() ? Status.CHANGED : Status.OK, result.sent()
                ? "sent " + name + " (" + result.bytesSent() + " bytes)" : name + " already staged (same sha256)");
        return new StagedFile(name, result.sha256());
    }

    private String bastionJava(RemoteHost bastion) throws IOException {
        // a bastion apply just created may still be installing its Java (user data): wait for cloud-init
        var found = bastion.exec("command -v java || { command -v cloud-init >/dev/null && cloud-init status --wait "
                + ">/dev/null; command -v java; } || { test -x .plk/jdk/bin/java && echo .plk/jdk/bin/java; }");
        if (!found.succeeded() || found.stdout().isBlank()) {
            throw new PlayFailedException("bastion " + bastion.address(), "serve", "no java on the bastion: install "
                    + "a JRE 17+ there (e.g. dnf install java-17-amazon-corretto-headless)");
        }
        return found.stdout().strip().lines().findFirst().orElseThrow();
    }

    static byte[] script(String token) throws IOException {
        try (InputStream in = Staging.class.getResourceAsStream("/scripts/fetch.sh")) {
            // the token is base64url: nothing in it needs quoting
            return ("token=" + token + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}

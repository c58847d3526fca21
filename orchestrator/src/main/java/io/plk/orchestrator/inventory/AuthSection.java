package io.plk.orchestrator.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code privateLink.auth}. SCRAM-SHA-512 is the default: what reaches the endpoint service
 * should not read and write every topic unauthenticated. {@code none} is the runbook's shape and must
 * be written out. Passwords are checked where they are (a private file or an environment variable)
 * but never kept. The authorizer is on by default with SCRAM: every user says what it may do
 * ({@code acls}), nothing more.
 */
final class AuthSection {
    static final List<String> MECHANISMS = List.of("SCRAM-SHA-512", "SCRAM-SHA-256");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The principal of every client of a PLAINTEXT listener; see the template's authorizer comment. */
    static final String SUPER_USER = "ANONYMOUS";
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String EXAMPLE = "{mechanism: SCRAM-SHA-512, users: [{name: tidb-cdc, passwordFile: "
            + "~/.plk/secrets/tidb-cdc, acls: changefeed}]}";

    private final YamlSection privateLink;
    private final Function<String, Path> resolve;
    private final boolean runningCluster;

    /** @param runningCluster an {@code existing:} cluster: its own authorizer, if any, is not ours to set */
    AuthSection(YamlSection privateLink, Function<String, Path> resolve, boolean runningCluster) {
        this.privateLink = privateLink;
        this.resolve = resolve;
        this.runningCluster = runningCluster;
    }

    ExternalAuth read() {
        if (!privateLink.has("auth")) {
            privateLink.problem("auth", "is required: it says how TiDB Cloud authenticates on the EXTERNAL listener. "
                    + "Write auth: " + EXAMPLE + ", or auth: {mechanism: none} for the runbook's unauthenticated"
                    + " PLAINTEXT");
            return ExternalAuth.NONE;
        }
        YamlSection auth = privateLink.section("auth");
        auth.rejectUnknownKeys(Set.of("mechanism", "users", "authorizer"));
        String mechanism = auth.string("mechanism").orElse(MECHANISMS.get(0));
        if (mechanism.equals("none")) {
            if (auth.has("users")) {
                auth.problem("users", "mechanism none authenticates nobody: remove users, or choose SCRAM-SHA-512");
            }
            if (auth.bool("authorizer", false)) {
                auth.problem("authorizer", "with mechanism none every client of EXTERNAL is ANONYMOUS, the super user"
                        + " the internal listeners need, so ACLs would hold nobody back: remove authorizer, or choose "
                        + "SCRAM-SHA-512");
            }
            return ExternalAuth.NONE;
        }
        boolean authorizer = auth.bool("authorizer", !runningCluster);
        if (runningCluster && authorizer) {
            auth.problem("authorizer", "an existing: cluster keeps its own authorizer: the patch secures EXTERNAL only,"
                    + " and an authorizer would change what every listener's clients may do; remove authorizer (its"
                    + " default here is false) and manage ACLs as the cluster's team does");
        }
        if (!MECHANISMS.contains(mechanism)) {
            auth.problem("mechanism", "'" + mechanism + "' is not one of " + String.join(", ", MECHANISMS) + ", none"
                    + (mechanism.equals("PLAIN") ? " (PLAIN would keep every password in server.properties on each"
                    + " broker; TiDB Cloud speaks SCRAM-SHA-512 too)" : ""));
            return ExternalAuth.NONE;
        }
        List<YamlSection> users = auth.sections("users");
        if (users.isEmpty()) {
            auth.problem("users", "is required with " + mechanism + ": write at least the changefeed's user, e.g. "
                    + "[{name: tidb-cdc, passwordFile: ~/.plk/secrets/tidb-cdc, acls: changefeed}]");
        }
        Set<String> names = new HashSet<>();
        List<ScramUserSpec> specs = new ArrayList<>();
        users.forEach(u -> user(u, names, authorizer).ifPresent(specs::add));
        return new ExternalAuth(mechanism, specs, authorizer);
    }

    private Optional<ScramUserSpec> user(YamlSection u, Set<String> names, boolean authorizer) {
        if (u.has("password")) {
            u.problem("password", "never write a password into the inventory: put it in a file only you can read"
                    + " (passwordFile) or in an environment variable (passwordEnv)");
        }
        u.rejectUnknownKeys(Set.of("name", "passwordFile", "passwordEnv", "password", "acls"));
        String name = u.requiredString("name", "write the user name TiDB Cloud logs in with, e.g. tidb-cdc");
        if (name != null && !USER.matcher(name).matches()) {
            u.problem("name", "'" + name + "' is not valid: use 1-64 characters A-Z a-z 0-9 . _ -");
        } else if (name != null && !names.add(name)) {
            u.problem("name", "'" + name + "' is listed twice");
        } else if (SUPER_USER.equals(name)) {
            u.problem("name", "'" + name + "' would be User:ANONYMOUS, the super user of the PLAINTEXT INTERNAL and "
                    + "CONTROLLER listeners, whom no ACL holds back: choose another name, e.g. tidb-cdc");
        }
        List<AclGrant> acls = List.of();
        if (authorizer) {
            acls = AclsSection.read(u);
        } else if (u.has("acls")) {
            u.problem("acls", "are only enforced by an authorizer, and authorizer is false: remove acls" + (runningCluster
                    ? " (an existing: cluster's ACLs are its team's)" : ", or remove authorizer: false (on by default)"));
        }
        Optional<String> file = u.string("passwordFile");
        Optional<String> env = u.string("passwordEnv");
        if (file.isPresent() == env.isPresent()) {
            u.problem("passwordFile", "write exactly one of passwordFile (a file only you can read) or passwordEnv"
                    + " (the name of an environment variable)");
            return Optional.empty();
        }
        Path path = file.map(resolve).orElse(null);
        Optional<String> wrong = file.isPresent() ? fileProblem(path)
                : env.filter(e -> !ENV.matcher(e).matches()).map(e -> "'" + e + "' is not an environment variable name")
                        .or(() -> Optional.ofNullable(System.getenv(env.get()) == null ? "$" + env.get() + " is not set"
                                + " in this shell: export it before running the tool" : null));
        String field = file.isPresent() ? "passwordFile" : "passwordEnv";
        if (wrong.isPresent()) {
            u.problem(field, wrong.get());
            return Optional.empty();
        }
        ScramUserSpec spec = new ScramUserSpec(name, path, env.orElse(null), acls);
        passwordProblem(spec).ifPresent(p -> u.problem(field, p));
        return Optional.of(spec);
    }

    private static Optional<String> fileProblem(Path path) {
        if (!Files.isRegularFile(path)) {
            return Optional.of(path + " does not exist or is not a file; put the password in it (chmod 600)");
        }
        try {
            if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
                if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    return Optional.of(path + " can be read by others (" + java.nio.file.attribute.PosixFilePermissions
                            .toString(mode) + "): chmod 600 " + path);
                }
            }
        } catch (IOException e) {
            return Optional.of("cannot read " + path + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Checked without keeping it: SCRAM takes any non-empty line, and a line break would end it early. */
    private static Optional<String> passwordProblem(ScramUserSpec spec) {
        try {
            String password = spec.password();
            if (password.isEmpty()) {
                return Optional.of("the password in " + spec.source() + " is empty");
            }
            return Syntax.controlCharacter(password).map(c -> "the password in " + spec.source()
                    + " has a control character (a line break inside it?); write it on one line");
        } catch (IOException e) {
            return Optional.of("cannot read " + spec.source() + ": " + e.getMessage());
        }
    }
}

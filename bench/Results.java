import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the measurements of bench/run.sh into bench/RESULTS.md.
 * Usage: {@code java bench/Results.java RAW_TSV META_TSV > bench/RESULTS.md}; each TSV line is
 * {@code key<TAB>value}, a key repeated once per run.
 */
public final class Results {
    private final Map<String, List<Double>> raw;
    private final Map<String, String> meta;
    private final StringBuilder md = new StringBuilder();
    private final List<String> verdicts = new ArrayList<>();

    private Results(Map<String, List<Double>> raw, Map<String, String> meta) {
        this.raw = raw;
        this.meta = meta;
    }

    public static void main(String[] args) throws IOException {
        Map<String, List<Double>> raw = new LinkedHashMap<>();
        for (String[] kv : lines(Path.of(args[0]))) {
            raw.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Double.parseDouble(kv[1]));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (String[] kv : lines(Path.of(args[1]))) {
            meta.put(kv[0], kv[1]);
        }
        withoutVerify(raw);
        System.out.print(new Results(raw, meta).render());
    }

    /** Per run: the cold apply's wall time minus the verify tasks it ran (if it ran any). */
    private static void withoutVerify(Map<String, List<Double>> raw) {
        List<Double> walls = raw.get("s1.wall_ms");
        if (walls == null) {
            return;
        }
        List<Double> without = new ArrayList<>(walls);
        raw.forEach((k, v) -> {
            if (k.startsWith("s1.task.verify")) {
                for (int i = 0; i < Math.min(v.size(), without.size()); i++) {
                    without.set(i, without.get(i) - v.get(i));
                }
            }
        });
        raw.put("s1.without_verify_ms", without);
    }

    private static List<String[]> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.contains("\t")).map(l -> l.split("\t", 2)).toList();
    }

    private String render() {
        md.append("# Benchmark results\n\n");
        md.append("Written by `bench/run.sh` (one real run; every figure is min / median / max over the runs). ")
                .append("Times are whole-process wall clock on the operator's side, JVM start included, unless a ")
                .append("row says otherwise.\n\n");
        md.append("| | |\n|---|---|\n");
        meta.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
        issue12();
        coldApply();
        noOpApply();
        rollingRestart();
        fanOut();
        bytes();
        md.append("\n## Targets\n\n| target | measured | |\n|---|---|---|\n");
        verdicts.forEach(v -> md.append(v).append('\n'));
        return md.toString();
    }

    private void coldApply() {
        section("1. Cold apply, 3 brokers (fresh lab each run, nothing on the hosts)");
        List<Row> rows = new ArrayList<>(List.of(
                row("apply, whole process", "s1.wall_ms"),
                row("  apply without its verify tasks", "s1.without_verify_ms"),
                row("  JVM start + SSH to the bastion + recap (wall minus the tasks)", "s1.outside_tasks_ms")));
        tasks("s1").forEach(t -> rows.add(row("  task: " + name(t).substring(6, name(t).length() - 1), t)));
        rows.addAll(List.of(
                row("slowest broker's start-to-registered (agent's figure)", "s1.start_to_registered_max_ms"),
                row("verify, whole process (separate command)", "s1.verify_ms"),
                row("baseline: runbook script, whole", "base1.wall_ms"),
                row("  baseline: scp the tgz (3 brokers, sum)", "base1.copy_ms"),
                row("  baseline: untar (sum)", "base1.untar_ms"),
                row("  baseline: scp server.properties (sum)", "base1.configure_ms"),
                row("  baseline: StorageTool format (sum)", "base1.format_ms"),
                row("  baseline: start (sum)", "base1.start_ms"),
                row("  baseline: wait for port 9092 (sum)", "base1.wait_port_ms"),
                row("Ansible baseline: `ansible-playbook site.yml`, whole", "ans1.wall_ms")));
        tasks("ans1").forEach(t -> rows.add(row("  Ansible task: " + taskLabel(t) + " (all hosts)", t)));
        table(rows);
        md.append("\nverify succeeded in ").append(count("s1.verify_ok", 1)).append(" of ")
                .append(size("s1.verify_ok")).append(" runs.\n");
        ratio("ours / baseline (apply, whole)", "s1.wall_ms", "base1.wall_ms");
        ratio("ours / baseline (apply without its verify tasks)", "s1.without_verify_ms", "base1.wall_ms");
        ratio("ours / Ansible (apply, whole)", "s1.wall_ms", "ans1.wall_ms");
        ratio("ours / Ansible (apply without its verify tasks)", "s1.without_verify_ms", "ans1.wall_ms");
        if (raw.containsKey("ans.config_same")) {
            md.append("\nAnsible's Jinja2 template gave ").append(median("ans.config_same") == 1 ? "the same" : "a DIFFERENT")
                    .append(" server.properties as `orchestrator.jar render` (broker 1, comments aside; checked once).\n");
        }
        List<String> parts = new ArrayList<>(tasks("s1"));
        parts.add("s1.outside_tasks_ms");
        dominates("s1.wall_ms", parts.toArray(String[]::new));
        md.append("The baselines' finish line is weaker: they wait for port 9092 to accept a connection, ours for ")
                .append("every broker registered and unfenced (and, when apply runs them, the verify tasks).\n");
        if (raw.containsKey("ans1.wall_ms")) {
            dominates("ans1.wall_ms", tasks("ans1").toArray(String[]::new));
            md.append("(That is the Ansible baseline: its tasks run on the 3 hosts in parallel, so a task's time is its ")
                    .append("slowest host.)\n");
        }
    }

    private void noOpApply() {
        section("2. No-op apply on the healthy 3-broker cluster");
        List<Row> rows = new ArrayList<>(List.of(
                row("apply, whole process", "s2.wall_ms"),
                row("  JVM start + SSH to the bastion (process start to `Connected to bastion` in the run log)",
                        "s2.connect_ms"),
                row("  wall minus the tasks (JVM start, SSH setup, recap)", "s2.outside_tasks_ms")));
        tasks("s2").forEach(t -> rows.add(row("  task: " + name(t).substring(6, name(t).length() - 1), t)));
        rows.add(row("steps reported `changed` (must be 0)", "s2.changed", false));
        rows.add(row("Ansible baseline: `ansible-playbook site.yml` again, whole", "ans2.wall_ms"));
        tasks("ans2").forEach(t -> rows.add(row("  Ansible task: " + taskLabel(t) + " (all hosts)", t)));
        rows.add(row("  Ansible: tasks reported `changed`, all hosts (must be 0)", "ans2.changed", false));
        table(rows);
        ratio("ours / Ansible (no-op apply)", "s2.wall_ms", "ans2.wall_ms");
        md.append("Ansible keeps its SSH connections open for 60 s after a run (ControlPersist, its default), so its ")
                .append("no-op runs after the first one start on warm connections; ours opens its SSH session each run.\n");
        target("no-op apply, median", median("s2.wall_ms") <= 3000, ms(median("s2.wall_ms")) + " (target <= 3.0 s)");
        List<String> parts = new ArrayList<>(tasks("s2"));
        parts.add("s2.outside_tasks_ms");
        dominates("s2.wall_ms", parts.toArray(String[]::new));
    }

    private void rollingRestart() {
        section("3. Rolling restart, 3 brokers");
        table(List.of(
                row("rolling-restart, whole process", "s3.wall_ms"),
                row("  sum over brokers: wait for canRestart", "s3.wait_ms"),
                row("  sum over brokers: stop", "s3.stop_ms"),
                row("  sum over brokers: start to registered", "s3.start_ms"),
                row("  sum over brokers: catch up", "s3.catchup_ms"),
                row("  rest: JVM start, SSH, config hashes, picking the controller, recap", "s3.rest_ms"),
                row("orchestrator overhead = wall - sum(stop + start + catch-up)", "s3.overhead_ms"),
                row("overhead, % of wall", "s3.overhead_pct", false),
                row("baseline: stop/start/wait-for-port script, whole", "base3.wall_ms"),
                row("  baseline: stop (sum)", "base3.stop_ms"),
                row("  baseline: start to port open (sum)", "base3.start_to_port_ms"),
                row("Ansible baseline: `ansible-playbook roll.yml` (serial 1), whole", "ans3.wall_ms"),
                row("  Ansible task: stop Kafka (sum over the hosts)", "ans3.task.stop_Kafka"),
                row("  Ansible task: start Kafka (sum)", "ans3.task.start_Kafka"),
                row("  Ansible task: wait for the port (sum)", "ans3.task.wait_for_the_port"),
                row("  Ansible task: wait until no partition is under-replicated (sum)",
                        "ans3.task.wait_until_no_partition_is_under_replicated")));
        target("rolling-restart overhead, median", median("s3.overhead_pct") <= 15,
                String.format(Locale.ROOT, "%.1f %% (target <= 15 %%)", median("s3.overhead_pct")));
        ratio("ours / baseline (rolling restart)", "s3.wall_ms", "base3.wall_ms");
        ratio("ours / Ansible (rolling restart)", "s3.wall_ms", "ans3.wall_ms");
        dominates("s3.wall_ms", "s3.wait_ms", "s3.stop_ms", "s3.start_ms", "s3.catchup_ms", "s3.rest_ms");
        md.append(String.format(Locale.ROOT, "The overhead (%s) is the canRestart gate (%s: one agent JVM per "
                + "health question on a broker) plus the rest (%s: JVM start and SSH, about %s as in the no-op "
                + "apply, then the config hashes and the controller lookup, each an agent call).%n",
                ms(median("s3.overhead_ms")), ms(median("s3.wait_ms")), ms(median("s3.rest_ms")),
                ms(median("s2.connect_ms"))));
        md.append("The runbook baseline has no safety gate: it neither waits for min ISR and the quorum before a stop ")
                .append("nor for the broker to be caught up after a start, only for its port. The Ansible baseline checks ")
                .append("after each start only, as cp-ansible does: `kafka-topics.sh --describe --under-replicated-partitions` ")
                .append("every second until it lists nothing (a topic `bench` with 6 partitions, RF 3, is created first); ")
                .append("nothing before a stop, no controller ordering.\n");
        if (raw.containsKey("ans3.wall_ms")) {
            dominates("ans3.wall_ms", tasks("ans3").toArray(String[]::new));
            md.append("(That is the Ansible baseline's roll, its tasks summed over the 3 hosts.)\n");
        }
    }

    private void fanOut() {
        section("4. Fan-out: `plan` on 3, 10 and 30 hosts");
        if (!raw.containsKey("s4.30.wall_ms")) {
            md.append("Not measured in full in this run (skipped with `SKIP_FANOUT=1` or not finished: see the ")
                    .append("table at the top).\n\n");
            if (raw.containsKey("s4.3.wall_ms")) {
                table(List.of(row("plan, 3 hosts", "s4.3.wall_ms"),
                        row("  3 hosts: JVM start + SSH to the bastion", "s4.3.connect_ms")));
            }
            return;
        }
        md.append("`plan` is read-only: through the bastion it reads each host's server.properties and runs pgrep ")
                .append("(no Kafka on these hosts). One unrecorded warm-up run per size records the new host keys. ")
                .append("`LabOptions` allows at most 9 brokers, so the lab starts with 3 and bench/lib.sh adds hosts 4 ")
                .append("to 30 built the same way (image, labels, 1 GiB limit, VPC network, key, sshd accepting the ")
                .append("bastion only).\n\n");
        table(List.of(
                row("plan, 3 hosts", "s4.3.wall_ms"),
                row("plan, 10 hosts", "s4.10.wall_ms"),
                row("plan, 30 hosts", "s4.30.wall_ms"),
                row("  3 hosts: JVM start + SSH to the bastion", "s4.3.connect_ms"),
                row("  30 hosts: JVM start + SSH to the bastion", "s4.30.connect_ms")));
        double r = median("s4.30.wall_ms") / median("s4.3.wall_ms");
        md.append(String.format(Locale.ROOT, "\n10 / 3 hosts: %.2fx; 30 / 3 hosts: %.2fx (medians).%n",
                median("s4.10.wall_ms") / median("s4.3.wall_ms"), r));
        target("fan-out, 30 hosts / 3 hosts", r <= 2.5, String.format(Locale.ROOT, "%.2fx (target <= 2.5x)", r));
        double perHost = (median("s4.30.wall_ms") - median("s4.3.wall_ms")) / 27;
        md.append(String.format(Locale.ROOT, "\n**What dominates:** a fixed cost of %s (JVM start and the SSH "
                + "session to the bastion: %s of the 3-host run), then about %.0f ms per extra host.%n",
                ms(median("s4.3.wall_ms")), ms(median("s4.3.connect_ms")), perHost));
    }

    private void bytes() {
        section("5. Bytes over the operator's link");
        md.append("`link` is what the bastion's public interface received during the run (kernel counter, SSH ")
                .append("framing included); `reported` is the tool's own `bytes sent over the operator's link`; ")
                .append("`artifacts` is the size of what was staged (agent.jar + Kafka tgz).\n\n");
        table(List.of(
                row("artifacts", "s5.artifacts", false),
                row("3 brokers, apply: link", "s5.3.link", false),
                row("3 brokers, apply: reported", "s5.3.reported", false),
                row("3 brokers, baseline script: link", "base5.3.link", false),
                row("3 brokers, Ansible site.yml: link", "ans5.3.link", false),
                row("10 brokers, apply: link", "s5.10.link", false),
                row("10 brokers, apply: reported", "s5.10.reported", false),
                row("10 brokers: apply exit code", "s5.10.rc", false),
                row("10 brokers: apply wall", "s5.10.wall_ms")));
        double artifacts = median("s5.artifacts");
        for (String n : List.of("3", "10")) {
            if (!raw.containsKey("s5." + n + ".link")) {
                continue;
            }
            double ratio = median("s5." + n + ".link") / artifacts;
            target("bytes, " + n + " brokers (link / artifacts)", ratio <= 1.1,
                    String.format(Locale.ROOT, "%.3fx (target <= 1.1x)", ratio));
        }
        md.append(String.format(Locale.ROOT, "%nBaseline, 3 brokers: %.2fx the artifacts (the tgz goes over the "
                + "link once per broker).%n", median("base5.3.link") / artifacts));
        md.append("\n**What dominates:** the artifacts themselves, staged once on the bastion; the brokers fetch ")
                .append("them inside the VPC, so the count of brokers adds only SSH commands and JSON.\n");
        if (!raw.containsKey("s5.10.link")) {
            md.append("\nThe 10-broker apply was not run (skipped with `SKIP_FANOUT=1` or not reached).\n");
            return;
        }
        md.append("\nThe 10-broker apply is a full cold apply (Kafka started on all 10, heap 256m) on hosts 1-10 ")
                .append("of the fan-out lab: nodes 1-3 broker and controller (the voters), 4-10 brokers only.\n");
        if (raw.containsKey("s5.10.rc") && median("s5.10.rc") != 0) {
            md.append("\nThe 10-broker apply did not finish (exit code above; see the note in bench/run.sh's ")
                    .append("output); its bytes were all sent by then: staging is the first task.\n");
        }
    }

    /** Issue 12's table: our tool against the runbook script and the Ansible playbooks, and its goals. */
    private void issue12() {
        section("Issue 12: ours against the runbook script and Ansible (medians)");
        md.append("| scenario | ours | runbook script | Ansible | ours / runbook | ours / Ansible | issue 12 goal | |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        double cold = median("s1.wall_ms") / median("ans1.wall_ms");
        compare("cold apply, 3 brokers (ours with its verify tasks)", "s1.wall_ms", "base1.wall_ms", "ans1.wall_ms",
                "<= 0.70x Ansible", cold <= 0.7);
        compare("  cold apply, ours without its verify tasks", "s1.without_verify_ms", "base1.wall_ms", "ans1.wall_ms",
                "(for reference)", null);
        compare("no-op apply", "s2.wall_ms", null, "ans2.wall_ms", "<= 1.5 s wall", median("s2.wall_ms") <= 1500);
        double roll = median("s3.wall_ms") / median("ans3.wall_ms");
        compare("rolling restart, 3 brokers (ours with its gates)", "s3.wall_ms", "base3.wall_ms", "ans3.wall_ms",
                "<= 0.90x Ansible", roll <= 0.9);
        md.append("\nThe three columns come from the same run on the same machine, one after the other (ours, then the ")
                .append("runbook script, then Ansible, each on its own fresh lab). The machine's load is not constant over a run ")
                .append("(the load rows above; it counts the lab's own Kafka and agent JVMs too), so ratios carry that noise, ")
                .append("and absolute times depend on what else ran beside the lab.\n");
        md.append("\nThe runbook script has no no-op run (it always copies, formats and starts). ")
                .append("set-unique-name and Kafka 4.1 are not measured by this runner yet.\n");
        target("issue 12: cold apply / Ansible", cold <= 0.7,
                String.format(Locale.ROOT, "%.2fx (goal <= 0.70x)", cold));
        target("issue 12: no-op apply, median wall", median("s2.wall_ms") <= 1500,
                ms(median("s2.wall_ms")) + " (goal <= 1.50 s)");
        target("issue 12: rolling restart / Ansible", roll <= 0.9,
                String.format(Locale.ROOT, "%.2fx (goal <= 0.90x)", roll));
    }

    private void compare(String label, String ours, String runbook, String ansible, String goal, Boolean met) {
        md.append("| ").append(label).append(" | ").append(spread(ours)).append(" | ")
                .append(runbook == null ? "n/a" : spread(runbook)).append(" | ").append(spread(ansible)).append(" | ")
                .append(runbook == null ? "n/a" : x(median(ours) / median(runbook))).append(" | ")
                .append(x(median(ours) / median(ansible))).append(" | ").append(goal).append(" | ")
                .append(met == null ? "" : met ? "**met**" : "**not met**").append(" |\n");
    }

    /** The median with the min-max spread: {@code 25.47 s (25.01-26.40, n=3)}. */
    private String spread(String key) {
        List<Double> v = raw.get(key);
        if (v == null || v.isEmpty()) {
            return "not measured";
        }
        List<Double> s = v.stream().sorted().toList();
        return String.format(Locale.ROOT, "%s (%.2f-%.2f, n=%d)", ms(median(key)), s.get(0) / 1000,
                s.get(s.size() - 1) / 1000, s.size());
    }

    private static String x(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static String taskLabel(String key) {
        String n = name(key);
        return n.substring(6, n.length() - 1);
    }

    /** The recap's task keys of a scenario, in the order the runs printed them. */
    private List<String> tasks(String scenario) {
        return raw.keySet().stream().filter(k -> k.startsWith(scenario + ".task.")).toList();
    }

    private void section(String title) {
        md.append("\n## ").append(title).append("\n\n");
    }

    private record Row(String label, String key, boolean time) {
    }

    private static Row row(String label, String key) {
        return new Row(label, key, true);
    }

    private static Row row(String label, String key, boolean time) {
        return new Row(label, key, time);
    }

    private void table(List<Row> rows) {
        md.append("| | runs | min | median | max |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            List<Double> v = raw.get(r.key());
            if (v == null) {
                md.append("| ").append(r.label()).append(" | 0 | not measured | | |\n");
                continue;
            }
            List<Double> s = v.stream().sorted().toList();
            md.append("| ").append(r.label()).append(" | ").append(s.size()).append(" | ")
                    .append(fmt(s.get(0), r.time())).append(" | ").append(fmt(median(r.key()), r.time()))
                    .append(" | ").append(fmt(s.get(s.size() - 1), r.time())).append(" |\n");
        }
    }

    private void ratio(String label, String ours, String baseline) {
        md.append(String.format(Locale.ROOT, "%n**%s: %.2fx** (medians %s / %s).%n", label,
                median(ours) / median(baseline), ms(median(ours)), ms(median(baseline))));
    }

    /** The parts of a scenario by median, largest first, with their share of the whole. */
    private void dominates(String whole, String... parts) {
        double total = median(whole);
        List<String> sorted = java.util.Arrays.stream(parts).filter(raw::containsKey)
                .sorted(Comparator.comparingDouble(this::median).reversed()).toList();
        md.append("\n**What dominates:** ");
        List<String> items = new ArrayList<>();
        for (String p : sorted.subList(0, Math.min(3, sorted.size()))) {
            items.add(String.format(Locale.ROOT, "%s %s (%.0f %%)", name(p), ms(median(p)), 100 * median(p) / total));
        }
        md.append(String.join(", ", items)).append(" of ").append(ms(total)).append(".\n");
    }

    private static String name(String key) {
        String k = key.replaceFirst("^[a-z0-9]+\\.", "").replaceFirst("_ms$", "");
        return k.startsWith("task.") ? "task `" + k.substring(5).replace('_', ' ') + "`" : k.replace('_', ' ');
    }

    private void target(String what, boolean met, String measured) {
        verdicts.add("| " + what + " | " + measured + " | **" + (met ? "met" : "not met") + "** |");
    }

    private double median(String key) {
        List<Double> v = raw.get(key);
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private int size(String key) {
        return raw.getOrDefault(key, List.of()).size();
    }

    private long count(String key, double value) {
        return raw.getOrDefault(key, List.of()).stream().filter(d -> d == value).count();
    }

    private static String fmt(double v, boolean time) {
        return time ? ms(v) : v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f s", v / 1000);
    }
}

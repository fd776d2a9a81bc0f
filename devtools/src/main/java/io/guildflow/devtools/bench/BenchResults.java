package io.guildflow.devtools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Everything one `bench` invocation measured, as {@code results.json} and as the lines it prints. */
final class BenchResults {
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root = mapper.createObjectNode();
    private final Map<String, LatencyRun> runs = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();

    BenchResults(BenchPlan plan) {
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverageAtStart", LoadAverage.read());
        machine.put("note", "load average is the machine's (1, 5, 15 min): other work on it pollutes every figure");
        ObjectNode settings = root.putObject("settings");
        settings.put("rate", plan.rate());
        settings.put("durationSeconds", plan.duration().toMillis() / 1000.0);
        settings.put("warmupSeconds", plan.warmup().toMillis() / 1000.0);
        settings.put("workers", plan.workers());
        settings.put("guilds", plan.guilds());
        settings.put("mix", plan.mix().label());
        settings.put("latency", "from each interaction's due time (open loop) to the emulator's record of the first"
                + " accepted acknowledgement and of the first visible answer");
        root.putObject("runs");
        root.putObject("processes");
    }

    Map<String, LatencyRun> runs() {
        return runs;
    }

    void add(String name, LatencyRun run) {
        runs.put(name, run);
        ((ObjectNode) root.get("runs")).set(name, json(run));
    }

    /**
     * Each process's CPU seconds and peak RSS since it started, and its CPU milliseconds per interaction over the
     * measured run (between {@code before} and {@code after}): the figure least disturbed by other work on the box.
     */
    void processes(String deployment, Map<String, ProcessUsage> before, Map<String, ProcessUsage> after,
                   int interactions) {
        ObjectNode node = ((ObjectNode) root.get("processes")).putObject(deployment);
        after.forEach((name, u) -> {
            ObjectNode one = node.putObject(name);
            one.put("cpuSeconds", u.cpuSeconds());
            one.put("peakRssMiB", Math.round(u.peakRssMiB() * 10) / 10.0);
            ProcessUsage start = before.get(name);
            if (start != null && interactions > 0) {
                double perInteraction = (u.cpuSeconds() - start.cpuSeconds()) * 1000 / interactions;
                one.put("cpuMillisPerInteraction", Math.round(perInteraction * 100) / 100.0);
                lines.add(String.format(Locale.ROOT, "%-10s %-9s cpu %.2f ms per interaction while measured, %.1f s"
                        + " in all, peak RSS %.0f MiB", deployment, name, perInteraction, u.cpuSeconds(), u.peakRssMiB()));
            }
        });
    }

    /** One line per measured process, for the console. */
    List<String> processLines() {
        return List.copyOf(lines);
    }

    ObjectNode section(String name) {
        return root.has(name) ? (ObjectNode) root.get(name) : root.putObject(name);
    }

    private ObjectNode json(LatencyRun run) {
        ObjectNode node = mapper.createObjectNode();
        node.put("rate", run.rate());
        node.put("sent", run.sent());
        node.put("acknowledged", run.acknowledged());
        node.put("answered", run.answered());
        node.put("answeredWithin3s", run.answeredWithin3s());
        node.put("missing", run.missing());
        node.put("deferred", run.deferred());
        node.put("late", run.late());
        node.put("duplicates", run.duplicates());
        if (!run.duplicatePatterns().isEmpty()) {
            ObjectNode patterns = node.putObject("duplicatePatterns");
            run.duplicatePatterns().forEach((pattern, examples) -> {
                ObjectNode one = patterns.putObject(pattern);
                one.put("interactions", examples.count());
                examples.examples().forEach(one.putArray("examples")::add);
            });
        }
        node.put("refused", run.refused());
        node.put("sendingSeconds", run.sending().toMillis() / 1000.0);
        node.put("throughputPerSecond", Math.round(run.throughput() * 10) / 10.0);
        node.put("loadAverage", LoadAverage.read());
        node.set("acknowledgementMillis", percentiles(run.acknowledgement()));
        node.set("answerMillis", percentiles(run.answer()));
        node.set("sendLagMillis", percentiles(run.sendLag()));
        ArrayNode timeline = node.putArray("timeline");
        for (LatencyRun.Second second : run.timeline()) {
            ObjectNode s = timeline.addObject();
            s.put("second", second.second());
            s.put("due", second.due());
            s.put("answered", second.answered());
            s.put("answersArrived", second.answersArrived());
            putMillis(s, "p50", second.p50Millis());
            putMillis(s, "p99", second.p99Millis());
        }
        return node;
    }

    private ObjectNode percentiles(Histogram histogram) {
        ObjectNode node = mapper.createObjectNode();
        for (double p : PERCENTILES) {
            putMillis(node, label(p), LatencyRun.millis(histogram, p));
        }
        putMillis(node, "max", histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0);
        return node;
    }

    private static void putMillis(ObjectNode node, String field, double millis) {
        if (Double.isNaN(millis)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(millis * 100) / 100.0);
        }
    }

    static String label(double percentile) {
        return "p" + (percentile == Math.rint(percentile) ? Integer.toString((int) percentile)
                : Double.toString(percentile));
    }

    /** Guildflow's p50 and p99 as multiples of a reference's; null when either side has no answers. */
    Map<String, Double> ratios(String subject, List<String> references) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        LatencyRun measured = runs.get(subject);
        ObjectNode node = section("ratios");
        for (String reference : references) {
            LatencyRun base = runs.get(reference);
            if (measured == null || base == null) {
                continue;
            }
            for (double p : new double[] {50, 99}) {
                double ratio = LatencyRun.millis(measured.answer(), p) / LatencyRun.millis(base.answer(), p);
                String key = label(p) + " vs " + reference;
                ratios.put(key, ratio);
                putMillis(node, key, ratio);
            }
        }
        return ratios;
    }

    static String describe(String name, LatencyRun run) {
        Histogram h = run.answer();
        return String.format(Locale.ROOT, "%-10s sent %6d  answered %6d  within 3 s %6d  missing %d  deferred %d  "
                        + "late %d  duplicates %d  refused %d  %.0f/s  answer ms p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f max %.1f"
                        + "  (ack p50 %.1f p99 %.1f; sender lag p99 %.1f)",
                name, run.sent(), run.answered(), run.answeredWithin3s(), run.missing(), run.deferred(), run.late(),
                run.duplicates(), run.refused(), run.throughput(), LatencyRun.millis(h, 50), LatencyRun.millis(h, 90),
                LatencyRun.millis(h, 99), LatencyRun.millis(h, 99.9),
                h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0,
                LatencyRun.millis(run.acknowledgement(), 50), LatencyRun.millis(run.acknowledgement(), 99),
                LatencyRun.millis(run.sendLag(), 99));
    }

    void write(Path file) throws IOException {
        root.with("machine").put("loadAverageAtEnd", LoadAverage.read());
        Files.writeString(file, mapper.writeValueAsString(root));
    }
}

package io.guildflow.devtools.drift;

import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metric names: the meters the code registers against the names the pages give. A meter is a name of
 * {@link MetricNames} and how the runtime registers it (counter, timer, gauge; histogram; base unit), read from its
 * registration; its scraped names are what Micrometer's Prometheus registry makes of that, not a naming rule written
 * here. docs/operations.md's "Metrics" table lists each meter once; every other mention must be one of the scraped
 * names (or a timer's name without {@code _count}).
 */
final class DocumentedMetrics {
    /** A meter as registered: its constant, kind, whether it publishes a histogram, its base unit, and where. */
    record Meter(String constant, String name, String kind, boolean histogram, String baseUnit, String where) {
        /** The name the Metrics table uses: a timer's or summary's without {@code _count}, else its one sample. */
        String documentedName(Set<String> samples) {
            return samples.stream().filter(s -> s.endsWith("_count")).findFirst()
                    .map(count -> count.substring(0, count.length() - "_count".length()))
                    .orElseGet(() -> samples.iterator().next());
        }
    }

    private static final Pattern MENTION = Pattern.compile("\\b(?:discordbot|guildflow)_[a-z_]+\\b");
    private static final Pattern USE = Pattern.compile("\\bMetricNames\\.(\\w+)\\b");
    private static final Pattern KIND = Pattern.compile(
            "\\b(FunctionCounter|Counter|Timer|TimeGauge|Gauge|DistributionSummary)\\.builder\\(|\\b(counter|timer|gauge|summary)\\(");
    private static final Pattern LITERAL = Pattern.compile("\\b(?:(?:Function)?Counter|Timer|(?:Time)?Gauge|DistributionSummary"
            + "|LongTaskTimer)\\.builder\\(\\s*\"|\\.(?:counter|timer|gauge|summary)\\(\\s*\"");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"(\\w+)\"");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| ([^|]+) \\| ([^|]+) \\|");
    private static final Pattern TICKED_NAME = Pattern.compile("`((?:discordbot|guildflow)_[a-z_]+)`");
    /** Names that look like metrics on a page but are not, each with what it is. */
    private static final Map<String, String> NOT_METRICS = Map.of(
            "guildflow_bench", "the bench's database schema (docs/performance.md)");
    static final String TABLE_PAGE = "docs/operations.md";

    private final Repository repository;
    private final List<Path> runtimeSources;

    DocumentedMetrics(Repository repository, List<Path> runtimeSources) {
        this.repository = repository;
        this.runtimeSources = runtimeSources;
    }

    /** Every meter name of {@link MetricNames}: its dotted name, by constant. */
    static Map<String, String> meterNames() {
        Map<String, String> names = new TreeMap<>();
        for (Field field : MetricNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (value.matches("[a-z]+(\\.[a-z_]+)+")) {
                        names.put(field.getName(), value);
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return names;
    }

    /** Each meter as the runtime registers it; what cannot be told goes to {@code drift}. */
    List<Meter> registered(List<String> drift) {
        Map<String, String> names = meterNames();
        Map<String, Meter> meters = new TreeMap<>();
        for (Path file : runtimeSources) {
            String relative = repository.relative(file);
            if (relative.endsWith("/MetricNames.java")) {
                continue;
            }
            String text = repository.read(file);
            Matcher use = USE.matcher(text);
            while (use.find()) {
                String name = names.get(use.group(1));
                if (name == null) {
                    continue;
                }
                String where = relative + ":" + Repository.lineOf(text, use.start());
                int lineStart = text.lastIndexOf('\n', use.start()) + 1;
                String kind = null;
                Matcher kindMatcher = KIND.matcher(text.substring(lineStart, use.start()));
                while (kindMatcher.find()) {
                    String found = kindMatcher.group(1) != null ? kindMatcher.group(1) : kindMatcher.group(2);
                    kind = found.toLowerCase().replace("function", "").replace("timegauge", "gauge")
                            .replace("distributionsummary", "summary");
                }
                if (kind == null) {
                    drift.add(where + ": cannot tell what kind of meter MetricNames." + use.group(1) + " is registered as"
                            + " (register it on the line of Counter/Timer/Gauge.builder or a counter/timer/gauge helper)");
                    continue;
                }
                int end = text.indexOf(';', use.end());
                String statement = text.substring(use.start(), end < 0 ? text.length() : end);
                Matcher unit = BASE_UNIT.matcher(statement);
                Meter meter = new Meter(use.group(1), name, kind, statement.contains("publishPercentileHistogram"),
                        unit.find() ? unit.group(1) : null, where);
                Meter earlier = meters.putIfAbsent(name, meter);
                if (earlier != null && !earlier.kind().equals(kind)) {
                    drift.add(where + ": " + name + " is registered as a " + kind + " here and as a " + earlier.kind()
                            + " at " + earlier.where());
                }
            }
        }
        names.forEach((constant, name) -> {
            if (!meters.containsKey(name)) {
                drift.add("MetricNames." + constant + " (" + name + ") is registered nowhere in the runtime");
            }
        });
        return List.copyOf(meters.values());
    }

    /** What Prometheus scrapes for a meter registered like this one: its sample names, without labels. */
    static Set<String> samples(Meter meter) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        switch (meter.kind()) {
            case "counter" -> Counter.builder(meter.name()).baseUnit(meter.baseUnit()).register(registry).increment();
            case "timer" -> {
                Timer.Builder timer = Timer.builder(meter.name());
                (meter.histogram() ? timer.publishPercentileHistogram() : timer).register(registry);
            }
            case "summary" -> {
                DistributionSummary.Builder summary = DistributionSummary.builder(meter.name()).baseUnit(meter.baseUnit());
                (meter.histogram() ? summary.publishPercentileHistogram() : summary).register(registry);
            }
            default -> Gauge.builder(meter.name(), () -> 1).baseUnit(meter.baseUnit()).register(registry);
        }
        Set<String> samples = new TreeSet<>();
        registry.scrape().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> samples.add(line.split("[{ ]", 2)[0]));
        return samples;
    }

    /** The "Metrics" table's rows: each backticked name of a row's first cell, and whether its row says histogram. */
    Map<String, Boolean> table(List<String> drift) {
        String page = repository.read(TABLE_PAGE);
        int start = page.indexOf("\n## Metrics\n");
        Map<String, Boolean> rows = new TreeMap<>();
        if (start < 0) {
            drift.add(TABLE_PAGE + " has no \"## Metrics\" section: the table every meter needs a row in");
            return rows;
        }
        int end = page.indexOf("\n## ", start + 1);
        Matcher row = TABLE_ROW.matcher(page.substring(start, end < 0 ? page.length() : end));
        while (row.find()) {
            Matcher name = TICKED_NAME.matcher(row.group(1));
            while (name.find()) {
                rows.put(name.group(1), row.group(2).contains("histogram"));
            }
        }
        return rows;
    }

    /** Every page, deployment file and dashboard that names metrics, with the names it gives: {@code file:line}. */
    Map<String, String> mentions() {
        List<Path> files = new ArrayList<>(repository.markdown());
        files.add(repository.root.resolve("compose.yaml"));
        files.add(repository.root.resolve(".env.example"));
        files.addAll(repository.files("k8s", p -> true));
        files.addAll(repository.files("observability", p -> true));
        Map<String, String> mentions = new TreeMap<>();
        for (Path file : files) {
            String text = repository.read(file);
            Matcher mention = MENTION.matcher(text);
            while (mention.find()) {
                if (!NOT_METRICS.containsKey(mention.group())) {
                    mentions.putIfAbsent(mention.group(), repository.relative(file) + ":" + Repository.lineOf(text, mention.start()));
                }
            }
        }
        return mentions;
    }

    /** Each meter has a row in the Metrics table under its scraped name, histogram as registered; each row a meter. */
    List<String> tableDrift() {
        List<String> drift = new ArrayList<>();
        Map<String, Boolean> table = table(drift);
        Set<String> names = new TreeSet<>();
        for (Meter meter : registered(drift)) {
            String name = meter.documentedName(samples(meter));
            names.add(name);
            Boolean histogram = table.get(name);
            if (histogram == null) {
                drift.add(name + " (MetricNames." + meter.constant() + ", a " + meter.kind() + " registered at "
                        + meter.where() + ") has no row in " + TABLE_PAGE + "'s Metrics table");
            } else if (histogram != meter.histogram()) {
                drift.add(TABLE_PAGE + ": the Metrics table's row of " + name + (histogram ? " says" : " does not say")
                        + " histogram, but " + meter.where() + (meter.histogram() ? " publishes one" : " publishes none"));
            }
        }
        table.keySet().stream().filter(name -> !names.contains(name)).forEach(name -> drift.add(TABLE_PAGE
                + ": the Metrics table lists " + name + ", but no meter of the runtime is scraped under that name"));
        if (names.size() < 20) {
            drift.add("only " + names.size() + " meters found registered: the check has gone blind");
        }
        return drift;
    }

    /** Every metric name a page, deployment file or dashboard gives is one a meter is scraped under. */
    List<String> mentionDrift() {
        List<String> drift = new ArrayList<>();
        Set<String> scraped = new TreeSet<>();
        for (Meter meter : registered(drift)) {
            Set<String> samples = samples(meter);
            scraped.addAll(samples);
            scraped.add(meter.documentedName(samples));
        }
        Map<String, String> mentions = mentions();
        mentions.forEach((name, where) -> {
            if (!scraped.contains(name)) {
                drift.add(where + ": " + name + " is no metric the runtime exposes (a missing _total or _seconds,"
                        + " or a meter that does not exist; see " + TABLE_PAGE + ", \"Metrics\")");
            }
        });
        if (mentions.size() < 20) {
            drift.add("only " + mentions.size() + " metric names found in the pages: the check has gone blind");
        }
        return drift;
    }

    /** Meters registered under a literal name bypass {@link MetricNames}, and with it this check. */
    List<String> literalNames() {
        List<String> drift = new ArrayList<>();
        for (Path file : runtimeSources) {
            String text = repository.read(file);
            Matcher literal = LITERAL.matcher(text);
            while (literal.find()) {
                drift.add(repository.relative(file) + ":" + Repository.lineOf(text, literal.start())
                        + ": a meter registered under a literal name: name it in MetricNames");
            }
        }
        return drift;
    }
}

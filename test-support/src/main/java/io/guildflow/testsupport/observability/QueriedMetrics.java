package io.guildflow.testsupport.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the shipped Grafana dashboard and Prometheus alert rules query, so a module's test can register
 * its meters as the code does and check that every queried name of its own is scraped: a renamed meter, or a
 * quantile over a timer without a histogram, fails there instead of showing an empty panel in production.
 */
public final class QueriedMetrics {
    private static final Pattern METRIC = Pattern.compile("\\b(discordbot|guildflow|hikaricp|jvm|process)_[a-z_]+\\b");

    private QueriedMetrics() {
    }

    /** Every queried name starting with {@code prefix}, from the repository holding the current module. */
    public static Set<String> startingWith(String prefix) {
        Set<String> names = all();
        names.removeIf(name -> !name.startsWith(prefix));
        return names;
    }

    /** Every metric name the dashboard's panels and the alert rules query. */
    public static Set<String> all() {
        Path root = repositoryRoot();
        Set<String> names = new TreeSet<>();
        try {
            for (JsonNode panel : new ObjectMapper().readTree(
                    root.resolve("observability/grafana/guildflow.json").toFile()).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    names.addAll(names(target.path("expr").asText()));
                }
            }
            names.addAll(names(Files.readString(root.resolve("observability/prometheus/alerts.yml"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Whether a Prometheus scrape has a sample of {@code name}. */
    public static boolean scraped(String scrape, String name) {
        return scrape.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    /** The names of Guildflow's processes' metrics (not Prometheus' own, such as {@code up}) in a text. */
    public static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** Tests run in the module's directory; the observability folder is beside the modules. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("observability"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no observability/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}

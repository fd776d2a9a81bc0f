package io.guildflow.devtools.drift;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.devtools.drift.DocumentedVariables.Named;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the code reads environment variables. Java: the configuration reader's {@code values.<kind>("NAME")}
 * (a {@code secret} also reads {@code NAME_FILE}) and {@code System.getenv} / an environment map's
 * {@code get}/{@code getOrDefault} with a literal name; shell: {@code $NAME} and {@code ${NAME}} in the
 * scripts, the image's entrypoint and the NATS start script. A write ({@code env.put}) is not a read.
 */
final class VariableReads {
    /** The modules whose main code is the runtime a deployment runs (the jars' {@code run} and {@code setup}). */
    private static final Set<String> RUNTIME_MODULES = Set.of("api", "common", "gateway", "worker", "app");
    private static final String NAME = "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*";
    private static final Pattern JAVA_READ = Pattern.compile(
            "(?:\\bvalues\\.(\\w+)|getenv|(?:getenv\\(\\)|\\b\\w*[Ee]nv(?:ironment)?)\\.get(?:OrDefault)?)\\(\\s*\"(" + NAME + ")\"");
    private static final Pattern SHELL_READ = Pattern.compile("\\$\\{?(" + NAME + ")");

    private final Repository repository;

    VariableReads(Repository repository) {
        this.repository = repository;
    }

    /** Reads in the runtime modules' main code: each must have a row in README.md's configuration table. */
    List<Named> runtime() {
        return java(true);
    }

    /** Reads elsewhere (dev tools, testkit, tests): each must at least be named in a doc. */
    List<Named> support() {
        return java(false);
    }

    private List<Named> java(boolean runtime) {
        List<Named> reads = new ArrayList<>();
        for (Path file : repository.files(".", p -> p.toString().endsWith(".java"))) {
            String relative = repository.relative(file);
            String module = relative.substring(0, Math.max(0, relative.indexOf('/')));
            boolean runtimeFile = RUNTIME_MODULES.contains(module) && relative.contains("/src/main/");
            if (runtimeFile != runtime || !relative.contains("/src/")) {
                continue;
            }
            String text = repository.read(file);
            Matcher read = JAVA_READ.matcher(text);
            while (read.find()) {
                String where = relative + ":" + Repository.lineOf(text, read.start());
                reads.add(new Named(read.group(2), where));
                if ("secret".equals(read.group(1))) {
                    reads.add(new Named(read.group(2) + "_FILE", where));
                }
            }
        }
        return reads;
    }

    /** What the shell scripts, the image's entrypoint and the NATS start script read. */
    List<Named> shell() {
        List<Named> reads = new ArrayList<>();
        List<Path> scripts = new ArrayList<>(repository.files("scripts", p -> p.toString().endsWith(".sh")));
        scripts.addAll(repository.files("docker", p -> p.toString().endsWith(".sh")));
        scripts.addAll(repository.files("deploy", p -> p.toString().endsWith(".sh")));
        scripts.addAll(repository.files(".ci", p -> true));
        for (Path script : scripts) {
            String text = repository.read(script);
            Matcher read = SHELL_READ.matcher(text);
            while (read.find()) {
                reads.add(new Named(read.group(1), repository.relative(script) + ":" + Repository.lineOf(text, read.start())));
            }
        }
        return reads;
    }

    /**
     * What {@link GuildflowConfig#fromEnvironment} actually asks an empty environment for: the scan above must
     * have found each, or it has stopped recognising how the reader reads.
     */
    static Set<String> askedByConfigurationReader() {
        Set<String> asked = new TreeSet<>();
        GuildflowConfig.fromEnvironment(new AbstractMap<>() {
            @Override
            public String get(Object key) {
                asked.add((String) key);
                return null;
            }

            @Override
            public Set<Map.Entry<String, String>> entrySet() {
                return Set.of();
            }
        });
        return asked;
    }
}

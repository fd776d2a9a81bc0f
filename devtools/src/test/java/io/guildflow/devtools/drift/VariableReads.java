package io.guildflow.devtools.drift;

import io.guildflow.devtools.drift.DocumentedVariables.Named;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the code reads environment variables. Java: any call of one of the configuration reader's typed reads
 * ({@link ConfigurationReader#readMethods()}, whatever the receiver is called) with a literal name or a string
 * constant holding one (a {@code secret} also reads {@code NAME_FILE}), and {@code System.getenv} / an environment
 * map's {@code get}/{@code getOrDefault} with a literal name; shell: {@code $NAME} and {@code ${NAME}} in the
 * scripts, the image's entrypoint and the NATS start script. A write ({@code env.put}) is not a read.
 */
final class VariableReads {
    /** The modules whose main code is the runtime a deployment runs (the jars' {@code run} and {@code setup}). */
    static final Set<String> RUNTIME_MODULES = Set.of("api", "common", "gateway", "worker", "app");
    private static final String NAME = "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*";
    private static final Pattern CONSTANT = Pattern.compile("\\bString\\s+(\\w+)\\s*=\\s*\"(" + NAME + ")\"\\s*;");
    private static final Pattern SHELL_READ = Pattern.compile("\\$\\{?(" + NAME + ")");

    private final Repository repository;
    private final Pattern javaRead;

    VariableReads(Repository repository) {
        this.repository = repository;
        String reads = String.join("|", ConfigurationReader.readMethods());
        this.javaRead = Pattern.compile("(?:\\.(" + reads + ")|\\bgetenv|(?:getenv\\(\\)|\\b\\w*[Ee]nv(?:ironment)?)"
                + "\\.get(?:OrDefault)?)\\(\\s*(?:\"(" + NAME + ")\"|(?:\\w+\\.)*([A-Z][A-Z0-9_]*)\\s*[,)])");
    }

    /** Reads in the runtime modules' main code: each must have a row in README.md's configuration table. */
    List<Named> runtime() {
        return java(true);
    }

    /** Reads elsewhere (dev tools, testkit, tests): each must at least be named in a doc. */
    List<Named> support() {
        return java(false);
    }

    /** The runtime modules' main source files. */
    List<Path> runtimeSources() {
        return repository.files(".", p -> p.toString().endsWith(".java")).stream()
                .filter(file -> isRuntime(repository.relative(file))).toList();
    }

    private static boolean isRuntime(String relative) {
        String module = relative.substring(0, Math.max(0, relative.indexOf('/')));
        return RUNTIME_MODULES.contains(module) && relative.contains("/src/main/");
    }

    private List<Named> java(boolean runtime) {
        List<Path> files = repository.files(".", p -> p.toString().endsWith(".java")).stream()
                .filter(file -> repository.relative(file).contains("/src/"))
                .filter(file -> isRuntime(repository.relative(file)) == runtime).toList();
        Map<String, Set<String>> constants = constants(files);
        List<Named> reads = new ArrayList<>();
        for (Path file : files) {
            String relative = repository.relative(file);
            String text = repository.read(file);
            Matcher read = javaRead.matcher(text);
            while (read.find()) {
                String where = relative + ":" + Repository.lineOf(text, read.start());
                Set<String> names = read.group(2) != null ? Set.of(read.group(2))
                        : constants.getOrDefault(read.group(3), Set.of());
                for (String name : names) {
                    reads.add(new Named(name, where));
                    if ("secret".equals(read.group(1))) {
                        reads.add(new Named(name + "_FILE", where));
                    }
                }
            }
        }
        return reads;
    }

    /** {@code String X = "NAME";} in any of the files, by the constant's simple name: a read may name a constant. */
    private Map<String, Set<String>> constants(List<Path> files) {
        Map<String, Set<String>> constants = new HashMap<>();
        for (Path file : files) {
            Matcher constant = CONSTANT.matcher(repository.read(file));
            while (constant.find()) {
                constants.computeIfAbsent(constant.group(1), k -> new TreeSet<>()).add(constant.group(2));
            }
        }
        return constants;
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

    /** The runtime's source files that use the configuration reader: where settings are read. */
    List<Path> readerUsers() {
        return runtimeSources().stream().filter(file -> repository.read(file).contains(ConfigurationReader.SIMPLE_NAME)
                || repository.read(file).contains("fromEnvironment(")).toList();
    }

    /** The class a main source file declares, by its path under {@code src/main/java}. */
    static String className(String relative) {
        String path = relative.substring(relative.indexOf("/src/main/java/") + "/src/main/java/".length());
        return path.substring(0, path.length() - ".java".length()).replace('/', '.');
    }

    /** Every static method of {@code type} and its nested types, for the reader's callers. */
    static List<Method> staticMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) && !method.isSynthetic()) {
                methods.add(method);
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            methods.addAll(staticMethods(nested));
        }
        return methods;
    }
}

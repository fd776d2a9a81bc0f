package io.guildflow.devtools.drift;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ./mvnw} command lines the pages and scripts give, against the build: the modules {@code -pl} selects
 * exist, a test named by {@code -Dtest}/{@code -Dit.test} lives in a selected module (else the command runs nothing
 * and passes), a profile {@code -P} names exists, and what a code block runs after building with {@code -pl} (a jar,
 * a script that needs jars) was built by it.
 */
final class DocumentedBuilds {
    private static final Pattern MVNW = Pattern.compile("\\./mvnw\\b([^\\n`|&;#)]*)");
    private static final Pattern JAR = Pattern.compile("\\b([\\w-]+)/target/[\\w.-]+\\.jar");
    private static final Pattern SCRIPT = Pattern.compile("\\b(scripts/[\\w-]+\\.sh)\\b");
    private static final Pattern PROFILE_ID = Pattern.compile("(?s)<profile>(?:\\s|<!--.*?-->)*<id>([^<]+)</id>");
    /** An {@code mvn … archetype:generate} command line, continued over lines ending in a backslash. */
    private static final Pattern GENERATE = Pattern.compile("\\bmvnw?\\b[^\\n`]*?archetype:generate((?:\\\\\\n|[^\\n`])*)");
    private static final List<String> COORDINATES = List.of("archetypeGroupId", "archetypeArtifactId", "archetypeVersion");

    private final Repository repository;

    DocumentedBuilds(Repository repository) {
        this.repository = repository;
    }

    /** Each {@code ./mvnw} line of the pages, the scripts and CI, checked on its own. */
    List<String> commandDrift() {
        List<Path> files = new ArrayList<>(repository.markdown());
        files.addAll(repository.files("scripts", p -> p.toString().endsWith(".sh")));
        files.addAll(repository.files(".ci", p -> true));
        List<String> drift = new ArrayList<>();
        int found = 0;
        for (Path file : files) {
            String text = repository.read(file);
            Matcher command = MVNW.matcher(text);
            while (command.find()) {
                found++;
                drift.addAll(check(tokens(command.group(1)), repository.relative(file) + ":" + Repository.lineOf(text, command.start())));
            }
        }
        if (found < 5) {
            drift.add("only " + found + " ./mvnw command lines found: the check has gone blind");
        }
        return drift;
    }

    /** In a page's code block, a jar run or a script after an {@code ./mvnw -pl …} line must come from those modules. */
    List<String> builtBeforeUseDrift() {
        List<String> drift = new ArrayList<>();
        for (Path page : repository.markdown()) {
            String text = repository.read(page);
            Matcher block = Repository.CODE_BLOCK.matcher(text);
            while (block.find()) {
                Set<String> built = null;
                int offset = block.start(1);
                for (String whole : block.group(1).split("\n", -1)) {
                    String where = repository.relative(page) + ":" + Repository.lineOf(text, offset);
                    offset += whole.length() + 1;
                    String line = whole;
                    Matcher command = MVNW.matcher(line);
                    if (command.find()) {
                        Set<String> selected = option(tokens(command.group(1)), "-pl", "--projects");
                        built = selected.isEmpty() ? null : selected;
                        line = line.substring(command.end());
                    }
                    if (built == null) {
                        continue;
                    }
                    for (String module : jarModules(line)) {
                        if (!built.contains(module)) {
                            drift.add(where + ": uses a jar of module " + module + ", which the ./mvnw -pl " + built
                                    + " before it does not build");
                        }
                    }
                }
            }
        }
        return drift;
    }

    /** The modules whose jars a line runs: directly, or through a script that names them. */
    private Set<String> jarModules(String line) {
        Set<String> modules = new TreeSet<>();
        Matcher jar = JAR.matcher(line);
        while (jar.find()) {
            modules.add(jar.group(1));
        }
        Matcher script = SCRIPT.matcher(line);
        while (script.find()) {
            Path file = repository.root.resolve(script.group(1));
            if (Files.isRegularFile(file)) {
                Matcher used = JAR.matcher(repository.read(file));
                while (used.find()) {
                    modules.add(used.group(1));
                }
            }
        }
        modules.removeIf(module -> !Files.isRegularFile(repository.root.resolve(module).resolve("pom.xml")));
        return modules;
    }

    private List<String> check(List<String> tokens, String where) {
        List<String> drift = new ArrayList<>();
        Set<String> modules = option(tokens, "-pl", "--projects");
        for (String module : modules) {
            if (!Files.isRegularFile(repository.root.resolve(module).resolve("pom.xml"))) {
                drift.add(where + ": ./mvnw -pl names " + module + ", which is no module of this build");
            }
        }
        for (String property : List.of("test", "it.test")) {
            for (String test : property(tokens, property)) {
                String name = test.replaceAll("#.*", "");
                if (name.equals("NONE") || name.isEmpty()) {
                    continue;
                }
                List<String> owners = testOwners(name);
                if (owners.isEmpty()) {
                    drift.add(where + ": -D" + property + "=" + test + " names no test class of this repository");
                } else if (!modules.isEmpty() && owners.stream().noneMatch(modules::contains)) {
                    drift.add(where + ": -D" + property + "=" + test + " is a test of " + owners + ", but -pl selects "
                            + modules + ": the command runs nothing and passes");
                }
            }
        }
        Set<String> profiles = profiles();
        for (String profile : option(tokens, "-P", "--activate-profiles")) {
            if (!profiles.contains(profile)) {
                drift.add(where + ": -P" + profile + " is no profile of this build (it has " + profiles + ")");
            }
        }
        return drift;
    }

    /** The archetype a page tells an author to generate from is one this build makes, at this build's version. */
    List<String> archetypeDrift() {
        Set<String> made = archetypes();
        List<String> drift = new ArrayList<>();
        int found = 0;
        for (Path page : repository.markdown()) {
            String text = repository.read(page);
            Matcher command = GENERATE.matcher(text);
            while (command.find()) {
                found++;
                String where = repository.relative(page) + ":" + Repository.lineOf(text, command.start());
                List<String> tokens = tokens(command.group(1).replace("\\\n", " "));
                List<String> named = new ArrayList<>();
                for (String coordinate : COORDINATES) {
                    Set<String> value = property(tokens, coordinate);
                    if (value.size() != 1) {
                        drift.add(where + ": archetype:generate without one -D" + coordinate + "=: Maven would ask, or pick another archetype");
                    }
                    named.add(String.join(",", value));
                }
                String coordinates = String.join(":", named);
                if (named.stream().noneMatch(String::isEmpty) && !made.contains(coordinates)) {
                    drift.add(where + ": archetype:generate names " + coordinates + ", which this build does not make (it makes "
                            + made + ")");
                }
            }
        }
        if (found == 0) {
            drift.add("no archetype:generate command found in README.md or docs/: the check has gone blind");
        }
        return drift;
    }

    /** groupId:artifactId:version of each module with {@code maven-archetype} packaging (group and version may be the parent's). */
    private Set<String> archetypes() {
        Set<String> made = new TreeSet<>();
        for (Path pom : repository.files(".", p -> p.getFileName().toString().equals("pom.xml"))) {
            String text = repository.read(pom).replaceAll("(?s)<!--.*?-->", "");
            if (!text.contains("<packaging>maven-archetype</packaging>")) {
                continue;
            }
            Matcher parent = Pattern.compile("(?s)<parent>(.*?)</parent>").matcher(text);
            String inherited = parent.find() ? parent.group(1) : "";
            String own = text.replaceFirst("(?s)<parent>.*?</parent>", "").replaceFirst("(?s)<(dependencies|build)>.*", "");
            made.add(element(own, "groupId", inherited) + ":" + element(own, "artifactId", "") + ":" + element(own, "version", inherited));
        }
        return made;
    }

    private static String element(String pom, String name, String fallback) {
        Pattern pattern = Pattern.compile("<" + name + ">([^<]+)</" + name + ">");
        Matcher value = pattern.matcher(pom);
        if (value.find()) {
            return value.group(1).trim();
        }
        Matcher inherited = pattern.matcher(fallback);
        return inherited.find() ? inherited.group(1).trim() : "?";
    }

    /** The modules whose tests include a class matching {@code name} (surefire's {@code *} wildcard allowed). */
    private List<String> testOwners(String name) {
        String pattern = name.replace(".", "\\.").replace("*", "[\\w$]*");
        return repository.files(".", p -> p.toString().replace('\\', '/').contains("/src/test/java/")
                        && p.getFileName().toString().matches(pattern + "\\.java")).stream()
                .map(repository::relative).map(relative -> relative.substring(0, relative.indexOf('/')))
                .distinct().sorted().toList();
    }

    private Set<String> profiles() {
        Set<String> profiles = new TreeSet<>();
        for (Path pom : repository.files(".", p -> p.getFileName().toString().equals("pom.xml"))) {
            Matcher id = PROFILE_ID.matcher(repository.read(pom));
            while (id.find()) {
                profiles.add(id.group(1).trim());
            }
        }
        return profiles;
    }

    /** The comma-separated values of an option given as {@code -X value}, {@code -Xvalue} or {@code --long value}. */
    private static Set<String> option(List<String> tokens, String shortName, String longName) {
        Set<String> values = new TreeSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String value = null;
            if ((token.equals(shortName) || token.equals(longName)) && i + 1 < tokens.size()) {
                value = tokens.get(++i);
            } else if (token.startsWith(shortName) && token.length() > shortName.length() && !token.startsWith("--")
                    && Character.isLetter(token.charAt(shortName.length()))) {
                value = token.substring(shortName.length());
            }
            if (value != null) {
                values.addAll(Arrays.asList(value.split(",")));
            }
        }
        return values;
    }

    private static Set<String> property(List<String> tokens, String name) {
        Set<String> values = new TreeSet<>();
        for (String token : tokens) {
            if (token.startsWith("-D" + name + "=")) {
                values.addAll(Arrays.asList(token.substring(name.length() + 3).split(",")));
            }
        }
        return values;
    }

    private static List<String> tokens(String arguments) {
        return Arrays.stream(arguments.trim().split("\\s+")).filter(token -> !token.isEmpty()).toList();
    }
}

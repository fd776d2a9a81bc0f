package io.guildflow.devtools.drift;

import io.guildflow.app.cli.GuildflowCommand;
import io.guildflow.devtools.cli.DevCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Command lines and repository paths as the Markdown pages name them, checked against the jars' own
 * picocli specs, the scripts' text and the file tree. Each method returns the complaints, one a line.
 */
final class DocumentedCommands {
    private static final Pattern JAR_COMMAND = Pattern.compile("java -jar (\\S+\\.jar)([^`|#&;)\\n]*)");
    private static final Pattern SCRIPT_COMMAND = Pattern.compile("(scripts/[\\w-]+\\.sh)([^`|#&;)\\n]*)");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");
    private static final Pattern HELP = Pattern.compile("(?m)^\\$ java -jar (\\S+\\.jar) --help\\n((?:(?!\\$ |```).*\\n)*)");

    /** In a YAML deployment file: a container's image, or a command list given to one. */
    private static final Pattern DEPLOYED_COMMAND = Pattern.compile(
            "(?m)^\\s*(?:-\\s*)?(?:image:\\s*(?<image>\\S+)|(?<key>args|entrypoint):\\s*\\[(?<list>[^\\]]*)\\])");

    /** Path-like spans that are not this repository's files, as patterns, each with what it is instead. */
    private static final Map<String, String> NOT_IN_TREE = Map.of(
            "discord/discord-api-docs", "Discord's documentation repository on GitHub, which docs/emulator.md cites",
            "[\\w/-]+\\.mdx", "pages of that repository, the source of each emulator rule",
            "session_start_limit\\..*", "a JSON field path of GET gateway/bot",
            "k8s/guildflow-[\\w<>-]+\\.env", "secret files the operator creates from k8s/secrets.example (git ignores them)");

    /** Flags the pages mention in prose that belong to other tools' command lines. */
    private static final Map<String, String> OTHER_TOOLS_FLAGS = Map.of(
            "--build-arg", "docker build (README.md: which bot jar the image runs)",
            "--set-file", "helm install (docs/security.md: the NATS configuration as a file)");
    private static final Pattern PROSE_FLAG = Pattern.compile("`(--[a-z][\\w-]*)");

    private final Repository repository;

    DocumentedCommands(Repository repository) {
        this.repository = repository;
    }

    /** The command line a jar's {@code main} builds: the runtime's for any bot jar, the dev tools' for the dev jar. */
    static CommandLine commandLineOf(String jar) {
        return jar.endsWith("guildflow-dev.jar") ? GuildflowCommand.commandLine(new DevCommand())
                : GuildflowCommand.commandLine(new GuildflowCommand());
    }

    List<String> commandLineDrift() {
        List<String> drift = new ArrayList<>();
        int found = 0;
        for (Path page : repository.markdown()) {
            String text = repository.read(page);
            String file = repository.relative(page);
            Matcher jar = JAR_COMMAND.matcher(text);
            while (jar.find()) {
                if (jar.group(1).endsWith("benchmarks.jar")) {
                    continue; // JMH's own command line
                }
                found++;
                String where = file + ":" + Repository.lineOf(text, jar.start());
                drift.addAll(checkArguments(commandLineOf(jar.group(1)), tokens(jar.group(2)), jar.group(1), where));
            }
            Matcher script = SCRIPT_COMMAND.matcher(text);
            while (script.find()) {
                drift.addAll(checkScript(script.group(1), tokens(script.group(2)),
                        file + ":" + Repository.lineOf(text, script.start())));
            }
        }
        if (found == 0) {
            drift.add("no \"java -jar\" command line found in README.md or docs/: the check has gone blind");
        }
        return drift;
    }

    /**
     * A flag a page names on its own ({@code `--dry-run`}) must be an option of one of the jars' commands or
     * appear in one of the scripts, unless it is another tool's (listed above).
     */
    List<String> proseFlagDrift() {
        Set<String> known = new TreeSet<>(OTHER_TOOLS_FLAGS.keySet());
        for (String jar : List.of("bot.jar", "guildflow-dev.jar")) {
            CommandLine root = commandLineOf(jar);
            known.addAll(root.getCommandSpec().optionsMap().keySet());
            addOptions(root, known);
        }
        for (Path script : repository.files("scripts", p -> p.toString().endsWith(".sh"))) {
            Matcher flag = Pattern.compile("--[a-z][\\w-]*").matcher(repository.read(script));
            while (flag.find()) {
                known.add(flag.group());
            }
        }
        List<String> drift = new ArrayList<>();
        for (Path page : repository.markdown()) {
            String text = repository.read(page);
            Matcher flag = PROSE_FLAG.matcher(text);
            while (flag.find()) {
                if (!known.contains(flag.group(1))) {
                    drift.add(repository.relative(page) + ":" + Repository.lineOf(text, flag.start()) + ": " + flag.group(1)
                            + " is an option of neither jar nor any script");
                }
            }
        }
        return drift;
    }

    /** README.md's "Jars" table lists each jar's commands: exactly the ones its command line has (besides help). */
    List<String> jarTableDrift() {
        String readme = repository.read("README.md");
        Matcher row = Pattern.compile("(?m)^\\| `(\\S+\\.jar)` \\|.*\\| ((?:`\\w+`(?:, )?)+) \\|$").matcher(readme);
        List<String> drift = new ArrayList<>();
        int rows = 0;
        while (row.find()) {
            rows++;
            Set<String> listed = new TreeSet<>(List.of(row.group(2).replace("`", "").split(", ")));
            Set<String> real = new TreeSet<>(commandLineOf(row.group(1)).getSubcommands().keySet());
            real.remove("help");
            if (!listed.equals(real)) {
                drift.add("README.md:" + Repository.lineOf(readme, row.start()) + ": " + row.group(1) + " is listed with "
                        + listed + " but has the commands " + real);
            }
        }
        if (rows == 0) {
            drift.add("README.md has no \"Jars\" table row the check recognises");
        }
        return drift;
    }

    /**
     * The command lines the deployment files give the bot image: k8s containers' {@code args} (of an image named
     * guildflow…) and compose's {@code entrypoint: ["entrypoint.sh", …]}, against the bot jar's own spec.
     */
    List<String> deploymentCommandDrift() {
        List<Path> files = new ArrayList<>(repository.files("k8s", p -> p.toString().endsWith(".yaml")));
        files.add(repository.root.resolve("compose.yaml"));
        List<String> drift = new ArrayList<>();
        int found = 0;
        for (Path file : files) {
            String text = repository.read(file);
            Matcher line = DEPLOYED_COMMAND.matcher(text);
            String image = "";
            while (line.find()) {
                if (line.group("image") != null) {
                    image = line.group("image");
                    continue;
                }
                List<String> arguments = new ArrayList<>(Arrays.stream(line.group("list").split(","))
                        .map(token -> token.trim().replaceAll("^[\"']|[\"']$", "")).filter(token -> !token.isEmpty()).toList());
                boolean entrypoint = line.group("key").equals("entrypoint");
                if (entrypoint ? arguments.isEmpty() || !arguments.remove(0).equals("entrypoint.sh") : !image.startsWith("guildflow")) {
                    continue;
                }
                found++;
                drift.addAll(checkArguments(commandLineOf("bot.jar"), arguments, "the bot image",
                        repository.relative(file) + ":" + Repository.lineOf(text, line.start())));
            }
        }
        if (found < 3) {
            drift.add("only " + found + " command lines of the bot image found in k8s/ and compose.yaml: the check has gone blind");
        }
        return drift;
    }

    /** compose.yaml's bind mounts ({@code ./…}) and the Dockerfile its build names. */
    List<String> composePathDrift() {
        String compose = repository.read("compose.yaml");
        List<String> drift = new ArrayList<>();
        Matcher path = Pattern.compile("(?:\\s\\./|dockerfile:\\s*)([\\w./-]+)").matcher(compose);
        while (path.find()) {
            String relative = path.group(1).replaceAll(":.*", "");
            if (!Files.exists(repository.root.resolve(relative))) {
                drift.add("compose.yaml:" + Repository.lineOf(compose, path.start()) + ": " + relative + " is not in the repository");
            }
        }
        return drift;
    }

    private static List<String> tokens(String arguments) {
        return Arrays.stream(arguments.trim().split("\\s+"))
                .map(token -> token.replaceAll("^\\[+|]+$", ""))
                .filter(token -> !token.isEmpty() && !token.equals("…")).toList();
    }

    private static List<String> checkArguments(CommandLine root, List<String> tokens, String jar, String where) {
        List<String> drift = new ArrayList<>();
        CommandLine command = root;
        for (String token : tokens) {
            if (token.startsWith("-")) {
                String flag = token.replaceAll("=.*", "");
                if (!command.getCommandSpec().optionsMap().containsKey(flag)) {
                    drift.add(where + ": " + jar + " " + commandName(command) + " has no option " + flag
                            + " (it has " + command.getCommandSpec().optionsMap().keySet() + ")");
                }
            } else if (command.getSubcommands().containsKey(token)) {
                command = command.getSubcommands().get(token); // nested too: guild export
            } else if (command == root) {
                drift.add(where + ": " + jar + " has no command " + token + " (it has " + root.getSubcommands().keySet() + ")");
                return drift;
            }
        }
        return drift;
    }

    private static void addOptions(CommandLine command, Set<String> known) {
        known.addAll(command.getCommandSpec().optionsMap().keySet());
        command.getSubcommands().values().forEach(sub -> addOptions(sub, known));
    }

    private static String commandName(CommandLine command) {
        return command.getParent() == null ? "" : command.getCommandName();
    }

    /** A script's flags must appear in its text; what follows a lone {@code --} goes to the jar's {@code setup}. */
    private List<String> checkScript(String script, List<String> tokens, String where) {
        Path file = repository.root.resolve(script);
        if (!Files.isRegularFile(file)) {
            return List.of(where + ": " + script + " does not exist");
        }
        String text = repository.read(file);
        List<String> drift = new ArrayList<>();
        int passThrough = tokens.indexOf("--");
        for (int i = 0; i < (passThrough < 0 ? tokens.size() : passThrough); i++) {
            String flag = tokens.get(i).replaceAll("=.*", "");
            if (flag.startsWith("--") && !text.contains(flag)) {
                drift.add(where + ": " + script + " does not know " + flag);
            }
        }
        if (passThrough >= 0) {
            List<String> forSetup = new ArrayList<>(List.of("setup"));
            forSetup.addAll(tokens.subList(passThrough + 1, tokens.size()).stream().filter(t -> t.startsWith("-")).toList());
            drift.addAll(checkArguments(commandLineOf("bot.jar"), forSetup, script + " -- (setup)", where));
        }
        return drift;
    }

    /** Each {@code $ java -jar X --help} in a README code block, followed by what it prints, must be what it prints. */
    List<String> helpDrift() {
        return helpDrift(repository.read("README.md"));
    }

    /** The same for a README's text (the drift test plants a mismatch in a copy to see this catch it). */
    static List<String> helpDrift(String readme) {
        List<String> drift = new ArrayList<>();
        Matcher help = HELP.matcher(readme);
        int blocks = 0;
        while (help.find()) {
            blocks++;
            String shown = help.group(2).stripTrailing();
            String real = commandLineOf(help.group(1)).getUsageMessage(CommandLine.Help.Ansi.OFF)
                    .lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
            if (!shown.equals(real)) {
                drift.add("README.md:" + Repository.lineOf(readme, help.start()) + ": the --help of " + help.group(1)
                        + " shown differs from its real output:\n" + real);
            }
        }
        if (blocks == 0) {
            drift.add("README.md shows no \"$ java -jar … --help\" block: the check found nothing to compare");
        }
        return drift;
    }

    /**
     * Backticked spans and link targets that look like repository paths must exist: at the root, next to the page,
     * or as the tail of a file or directory somewhere in the tree ({@code gateway/guard/DeadlineBudget} names a class).
     */
    List<String> pathDrift() {
        List<String> known = repository.files(".", p -> true).stream().map(repository::relative).toList();
        List<String> drift = new ArrayList<>();
        for (Path page : repository.markdown()) {
            String text = repository.read(page);
            String file = repository.relative(page);
            for (Pattern pattern : List.of(BACKTICKED, LINK)) {
                Matcher span = pattern.matcher(text);
                while (span.find()) {
                    String candidate = span.group(1).trim();
                    if (looksLikePath(candidate) && !exists(page, candidate, known)) {
                        drift.add(file + ":" + Repository.lineOf(text, span.start()) + ": " + candidate + " is not in the repository");
                    }
                }
            }
        }
        return drift;
    }

    /** Repository paths that compose.yaml, .env.example and k8s/'s manifests and examples name, comments included. */
    List<String> deploymentPathDrift() {
        List<Path> files = new ArrayList<>(List.of(repository.root.resolve("compose.yaml"), repository.root.resolve(".env.example")));
        files.addAll(repository.files("k8s", p -> !p.toString().endsWith(".md")));
        String topLevel = String.join("|", repository.files(".", p -> true).stream().map(repository::relative)
                .filter(relative -> relative.contains("/")).map(relative -> Pattern.quote(relative.substring(0, relative.indexOf('/'))))
                .collect(Collectors.toCollection(TreeSet::new)));
        Pattern path = Pattern.compile("(?<![\\w./-])(?:" + topLevel + ")/[\\w./-]*[\\w/]");
        List<String> drift = new ArrayList<>();
        for (Path file : files) {
            String text = repository.read(file);
            Matcher named = path.matcher(text);
            while (named.find()) {
                String candidate = named.group();
                if (looksLikePath(candidate) && !Files.exists(repository.root.resolve(candidate))
                        && !Files.exists(file.getParent().resolve(candidate))) {
                    drift.add(repository.relative(file) + ":" + Repository.lineOf(text, named.start()) + ": " + candidate
                            + " is not in the repository");
                }
            }
        }
        return drift;
    }

    private static boolean looksLikePath(String span) {
        return span.matches("[\\w.-]+(/[\\w.-]*)+") && !span.contains("target/")
                && NOT_IN_TREE.keySet().stream().noneMatch(span::matches);
    }

    private boolean exists(Path page, String candidate, List<String> known) {
        String path = candidate.replaceAll("/$", "");
        if (Files.exists(repository.root.resolve(path)) || Files.exists(page.getParent().resolve(path))) {
            return true;
        }
        return known.stream().anyMatch(f -> f.endsWith("/" + path) || f.endsWith("/" + path + ".java")
                || f.contains("/" + path + "/"));
    }
}

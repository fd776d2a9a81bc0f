package io.guildflow.devtools.drift;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * What the pages, deployment files, scripts and source comments refer to by name: Markdown pages ({@code README.md},
 * {@code docs/operations.md}) must exist, and a program named with a command ({@code guildflow setup},
 * {@code guildflow-dev emulator}) must have that command.
 */
final class PageReferences {
    private static final Pattern PAGE = Pattern.compile("(?<![\\w./-])([\\w./-]*[\\w-]\\.md)\\b");

    private final Repository repository;

    PageReferences(Repository repository) {
        this.repository = repository;
    }

    /** Every file a reader or maintainer reads: the pages, deployment files, scripts, CI and the Java sources. */
    private List<Path> files() {
        List<Path> files = new ArrayList<>(repository.markdown());
        files.add(repository.root.resolve("compose.yaml"));
        files.add(repository.root.resolve(".env.example"));
        files.addAll(repository.files("k8s", p -> !p.toString().endsWith(".md")));
        files.addAll(repository.files("scripts", p -> true));
        files.addAll(repository.files("docker", p -> true));
        files.addAll(repository.files(".ci", p -> true));
        files.addAll(repository.files(".", p -> p.toString().endsWith(".java")));
        files.addAll(repository.files(".", p -> p.getFileName().toString().equals("README.md")));
        return files.stream().distinct().toList();
    }

    /** A page named by path or by file name exists: from the root, next to the file, or somewhere in the tree. */
    List<String> pageDrift() {
        List<String> tree = repository.files(".", p -> p.toString().endsWith(".md")).stream().map(repository::relative).toList();
        List<String> drift = new ArrayList<>();
        int found = 0;
        for (Path file : files()) {
            String text = repository.read(file);
            Matcher page = PAGE.matcher(text);
            while (page.find()) {
                String name = page.group(1);
                if (inUrl(text, page.start())) {
                    continue;
                }
                found++;
                boolean exists = Files.isRegularFile(repository.root.resolve(name))
                        || Files.isRegularFile(file.getParent().resolve(name))
                        || tree.stream().anyMatch(known -> known.equals(name) || known.endsWith("/" + name.replaceAll("^(\\.\\./)+", "")));
                if (!exists) {
                    drift.add(repository.relative(file) + ":" + Repository.lineOf(text, page.start()) + ": " + name
                            + " is not a page of this repository");
                }
            }
        }
        if (found < 20) {
            drift.add("only " + found + " references to pages found: the check has gone blind");
        }
        return drift;
    }

    /** {@code guildflow <command>} and {@code guildflow-dev <command>}: the command belongs to that program. */
    List<String> programCommandDrift() {
        Map<String, Set<String>> programs = new TreeMap<>();
        Set<String> commands = new TreeSet<>();
        for (String jar : List.of("bot.jar", "guildflow-dev.jar")) {
            CommandLine program = DocumentedCommands.commandLineOf(jar);
            programs.put(program.getCommandName(), program.getSubcommands().keySet());
            commands.addAll(program.getSubcommands().keySet());
        }
        Pattern named = Pattern.compile("(?<![\\w/.-])(" + String.join("|", programs.keySet().stream()
                .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).toList()) + ") ("
                + String.join("|", commands) + ")\\b");
        List<String> drift = new ArrayList<>();
        for (Path file : files()) {
            String text = repository.read(file);
            Matcher use = named.matcher(text);
            while (use.find()) {
                if (!programs.get(use.group(1)).contains(use.group(2))) {
                    drift.add(repository.relative(file) + ":" + Repository.lineOf(text, use.start()) + ": " + use.group()
                            + ": " + use.group(1) + " has no command " + use.group(2) + " (it has " + programs.get(use.group(1)) + ")");
                }
            }
        }
        return drift;
    }

    private static boolean inUrl(String text, int at) {
        int start = at;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1)) && "(\"'<`".indexOf(text.charAt(start - 1)) < 0) {
            start--;
        }
        return text.substring(start, at).contains("://");
    }
}

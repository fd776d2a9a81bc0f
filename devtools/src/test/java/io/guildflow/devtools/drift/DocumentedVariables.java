package io.guildflow.devtools.drift;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment variables as the documentation and the deployment files name them. What counts as a variable:
 * <ul>
 * <li>README.md's "Configuration" table: each backticked name in a row's first cell (the authoritative list);</li>
 * <li>Markdown: a backticked span that is a whole upper-case name with an underscore ({@code ACK_WAIT}, not
 * {@code GUILDFLOW_<ENV>_DLQ} or {@code COMMIT}), or starts with {@code NAME=}; in code blocks, {@code NAME=}
 * assignments and {@code -e NAME};</li>
 * <li>compose.yaml: upper-case keys (container environments) and {@code ${NAME}} interpolations;</li>
 * <li>k8s/: {@code name: NAME} of container env entries, {@code NAME=} literals and env-file lines;</li>
 * <li>.env.example: {@code NAME=} lines.</li>
 * </ul>
 */
final class DocumentedVariables {
    /** A name and where it was found, as {@code file:line}. */
    record Named(String name, String where) {
    }

    private static final String NAME = "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*";
    private static final Pattern BACKTICKED = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern UNDERSCORED = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
    private static final Pattern ASSIGNED = Pattern.compile("^(" + NAME + ")=");
    private static final Pattern CODE_ASSIGNMENT = Pattern.compile("(?<![\\w$-])(" + NAME + ")=|(?<=-e )(" + NAME + ")\\b");
    private static final Pattern CONFIG_ROW = Pattern.compile("(?m)^\\| ([^|]+) \\|");

    private final Repository repository;

    DocumentedVariables(Repository repository) {
        this.repository = repository;
    }

    /** The rows of README.md's "Configuration" table. */
    List<Named> configurationTable() {
        String readme = repository.read("README.md");
        int start = readme.indexOf("\n## Configuration\n");
        if (start < 0) {
            throw new AssertionError("README.md has no \"## Configuration\" section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        List<Named> names = new ArrayList<>();
        Matcher row = CONFIG_ROW.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        while (row.find()) {
            Matcher ticked = BACKTICKED.matcher(row.group(1));
            while (ticked.find()) {
                if (ticked.group(1).matches(NAME)) {
                    names.add(new Named(ticked.group(1), "README.md:" + Repository.lineOf(readme, start + row.start())));
                }
            }
        }
        return names;
    }

    /** Every variable README.md and docs/*.md name, in prose, tables or code blocks. */
    List<Named> markdown() {
        List<Named> names = new ArrayList<>();
        for (Path page : repository.markdown()) {
            String text = repository.read(page);
            String file = repository.relative(page);
            Matcher fence = Repository.CODE_BLOCK.matcher(text);
            List<int[]> fences = new ArrayList<>();
            while (fence.find()) {
                fences.add(new int[] {fence.start(1), fence.end(1)});
                Matcher assignment = CODE_ASSIGNMENT.matcher(fence.group(1));
                while (assignment.find()) {
                    String name = assignment.group(1) != null ? assignment.group(1) : assignment.group(2);
                    names.add(new Named(name, file + ":" + Repository.lineOf(text, fence.start(1) + assignment.start())));
                }
            }
            Matcher ticked = BACKTICKED.matcher(text);
            while (ticked.find()) {
                int at = ticked.start();
                if (fences.stream().anyMatch(f -> at >= f[0] && at < f[1])) {
                    continue;
                }
                String span = ticked.group(1).trim();
                Matcher assigned = ASSIGNED.matcher(span);
                String name = assigned.find() ? assigned.group(1) : UNDERSCORED.matcher(span).matches() ? span : null;
                if (name != null) {
                    names.add(new Named(name, file + ":" + Repository.lineOf(text, at)));
                }
            }
        }
        return names;
    }

    /** Upper-case keys of compose.yaml: what its containers get in their environment. */
    List<Named> composeEnvironment() {
        return matches("compose.yaml", Pattern.compile("(?m)^\\s+(" + NAME + "):"));
    }

    /** {@code ${NAME}} in compose.yaml: what compose reads from the shell or .env. */
    List<Named> composeInterpolations() {
        return matches("compose.yaml", Pattern.compile("\\$\\{(" + NAME + ")"));
    }

    List<Named> envExample() {
        return matches(".env.example", Pattern.compile("(?m)^(" + NAME + ")="));
    }

    /** Container env entries, config map literals and the secret examples' keys under k8s/. */
    List<Named> kubernetes() {
        List<Named> names = new ArrayList<>();
        Pattern yaml = Pattern.compile("(?m)(?:\\bname:\\s*(" + NAME + ")\\b|^\\s*-\\s*(" + NAME + ")=)");
        Pattern envFile = Pattern.compile("(?m)^(" + NAME + ")=");
        for (Path file : repository.files("k8s", p -> true)) {
            String relative = repository.relative(file);
            if (relative.endsWith(".yaml") || relative.endsWith(".yml")) {
                names.addAll(matches(relative, yaml));
            } else if (relative.endsWith(".env") || relative.endsWith(".env.example")) {
                names.addAll(matches(relative, envFile));
            }
        }
        return names;
    }

    private List<Named> matches(String relative, Pattern pattern) {
        String text = repository.read(relative);
        List<Named> names = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            int group = matcher.group(1) != null ? 1 : 2;
            names.add(new Named(matcher.group(group), relative + ":" + Repository.lineOf(text, matcher.start(group))));
        }
        return names;
    }
}

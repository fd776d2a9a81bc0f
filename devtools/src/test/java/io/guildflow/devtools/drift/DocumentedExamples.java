package io.guildflow.devtools.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * README.md's Java examples that are real files of the example bot, so they compile and run as printed: a block
 * that starts with {@code package} is a whole file (its class found by package and name under {@code examples/src}),
 * and a block that starts with the declaration of a class in {@link #EXCERPTS} is that file from its declaration on.
 */
final class DocumentedExamples {
    /** Classes README.md shows from their declaration on (package and imports left out for the reader). */
    static final Set<String> EXCERPTS = Set.of("GreetCommand");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^( *)```java\\n(.*?)^ *```");
    private static final Pattern PACKAGE = Pattern.compile("\\Apackage ([\\w.]+);");
    private static final Pattern CLASS = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");

    private final Repository repository;

    DocumentedExamples(Repository repository) {
        this.repository = repository;
    }

    List<String> drift() {
        return drift(repository.read("README.md"), this::source);
    }

    /** The text of the example bot's source file {@code name} (qualified, or a simple class name) and its path. */
    Optional<Source> source(String name) {
        String tail = "/" + name.replace('.', '/') + ".java";
        return repository.files("examples/src", p -> p.toString().replace('\\', '/').endsWith(tail)).stream()
                .findFirst().map(p -> new Source(repository.relative(p), repository.read(p)));
    }

    record Source(String path, String text) {}

    /** The complaints, one a line; {@code sourceOf} finds a class's file by qualified or simple name. */
    static List<String> drift(String readme, Function<String, Optional<Source>> sourceOf) {
        List<String> drift = new ArrayList<>();
        int files = 0;
        Matcher block = JAVA_BLOCK.matcher(readme);
        while (block.find()) {
            String shown = block.group(2).lines().map(line -> line.startsWith(block.group(1))
                    ? line.substring(block.group(1).length()) : line.strip()).reduce((a, b) -> a + "\n" + b).orElse("");
            Matcher declared = CLASS.matcher(shown);
            if (!declared.find()) {
                continue;
            }
            String name = declared.group(1);
            Matcher pkg = PACKAGE.matcher(shown);
            boolean whole = pkg.find();
            if (!whole && !EXCERPTS.contains(name)) {
                continue; // a sketch, not a file (e.g. WelcomeMember, shortened for the page)
            }
            files += whole ? 1 : 0;
            String where = "README.md:" + Repository.lineOf(readme, block.start());
            Optional<Source> source = sourceOf.apply(whole ? pkg.group(1) + "." + name : name);
            if (source.isEmpty()) {
                drift.add(where + ": the example class " + name + " is not a file under examples/src");
                continue;
            }
            String real = source.get().text().stripTrailing();
            if (!whole) {
                int start = real.indexOf(shown.lines().findFirst().orElse(""));
                real = start < 0 ? "" : real.substring(start);
            }
            if (!shown.stripTrailing().equals(real)) {
                drift.add(where + ": the block of " + name + " differs from " + source.get().path() + ": "
                        + firstDifference(shown.stripTrailing(), real));
            }
        }
        if (files == 0) {
            drift.add("README.md has no Java block that is a whole file (starting with package): the check found nothing");
        }
        return drift;
    }

    private static String firstDifference(String shown, String real) {
        List<String> a = shown.lines().toList();
        List<String> b = real.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end>";
            String right = i < b.size() ? b.get(i) : "<end>";
            if (!left.equals(right)) {
                return "line " + (i + 1) + " shows `" + left.strip() + "` where the file has `" + right.strip() + "`";
            }
        }
        return "they differ in whitespace";
    }
}

package io.guildflow.devtools.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The checked-out repository as text: the files a drift check compares, found from the test's working directory. */
final class Repository {
    /** A fenced code block of a Markdown page; group 1 is its content. */
    static final Pattern CODE_BLOCK = Pattern.compile("(?ms)^\\s*```[^\\n]*\\n(.*?)^\\s*```");

    final Path root;

    private Repository(Path root) {
        this.root = root;
    }

    static Repository find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("README.md")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        }
        return new Repository(dir);
    }

    String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String relative) {
        return read(root.resolve(relative));
    }

    String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Files under {@code dir} (relative to the root) matching {@code filter}; build output and VCS data left out. */
    List<Path> files(String dir, Predicate<Path> filter) {
        Path start = root.resolve(dir);
        if (!Files.exists(start)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(start)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !relative(p).matches("(.*/)?(target|node_modules|\\.git)/.*"))
                    .filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of {@code offset} in {@code text}, for messages that say where. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The Markdown pages the check reads: README.md, docs/*.md and k8s/'s (the secrets' README). */
    List<Path> markdown() {
        return Stream.of(Stream.of(root.resolve("README.md")), files("docs", p -> p.toString().endsWith(".md")).stream(),
                files("k8s", p -> p.toString().endsWith(".md")).stream()).flatMap(s -> s).toList();
    }
}

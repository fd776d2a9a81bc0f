package io.guildflow.devtools.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * A class-data-sharing archive (AppCDS) of the jar per role, made by the first process of that role that ends cleanly
 * and mapped by every later one. The end-to-end suite starts a JVM of the jar well over a hundred times on two
 * cores; a worker mapping its classes from the archive reaches {@code /ready} on about 40 % less CPU (4.1 s to 2.4 s
 * measured on the CI machine kind), which is most of what a start costs. The archive changes how classes are loaded,
 * never what the process does: a stale or foreign archive is refused by the JVM, which then loads classes as usual.
 *
 * @param directory where archives are kept ({@code target/}: a build starts without them)
 * @param jar       the jar every archived process runs, first on its class path
 */
record ClassArchive(Path directory, Path jar) {
    /** The JVM's CDS messages (an archive refused, a class it cannot archive) would break the one-JSON-line-per-line logs. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    /** A JVM stopped by SIGTERM exits with 143, or 0 when the application ends it itself; both wrote their archive. */
    private static final List<Integer> CLEAN_EXITS = List.of(0, 143);

    /** One process's part: the options to start it with, and what to do once it has exited. */
    record Use(List<String> jvmOptions, Path made, Path archive) {
        /** The archive this process wrote on a clean exit becomes the role's; a killed one may have written half. */
        void exited(int exitCode) {
            if (made == null || !Files.exists(made)) {
                return;
            }
            try {
                if (CLEAN_EXITS.contains(exitCode)) {
                    // one directory: a rename (never a copy), which replaces an archive another process made meanwhile
                    Files.move(made, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.delete(made);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the class archive " + made, e);
            }
        }
    }

    /**
     * @param role         what the process runs as (its {@code BOT_MODE}): each role loads other classes
     * @param moreClassPath true when the class path holds more than the jar (test handlers): such a process maps the
     *                     jar's archive but makes none, its extra entries differ from one start to the next
     */
    Use use(String role, boolean moreClassPath) {
        Path archive = directory.resolve(role + "-" + fingerprint() + ".jsa");
        if (Files.exists(archive)) {
            return new Use(concat("-XX:SharedArchiveFile=" + archive), null, archive);
        }
        if (moreClassPath) {
            return new Use(List.of(), null, archive);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        Path made = directory.resolve(role + "-" + UUID.randomUUID() + ".jsa.part");
        return new Use(concat("-XX:ArchiveClassesAtExit=" + made), made, archive);
    }

    /** Another jar (rebuilt) gets other archives: the JVM would refuse the old ones anyway. */
    private String fingerprint() {
        try {
            return Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private static List<String> concat(String option) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(option), QUIET.stream()).toList();
    }
}

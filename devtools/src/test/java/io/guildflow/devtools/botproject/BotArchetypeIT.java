package io.guildflow.devtools.botproject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 26, README's "Write your own bot" as an author follows it: generate a bot project from the archetype, add a
 * command with its services line and its test, then build, test and package it with plain Maven 3.8+ ({@code mvn} on
 * PATH: Debian's is 3.8.7) and again with the wrapper the project was generated with.
 *
 * <p>The Guildflow artifacts are this build's (they are not installed yet when failsafe runs): the jars devtools'
 * test class path holds, each with the pom inside it, and the two parent poms of this checkout, laid out in a local
 * repository of the test's own. Everything else comes from the local repository of the build running this test,
 * read as a file repository, so the nested builds download nothing that build did not; the one exception is Maven
 * 3.8's own plugin class path (plexus-utils 1.1, which Maven 3.9 no longer adds), from Maven Central.
 */
class BotArchetypeIT {
    private static final String VERSION = required("guildflow.version");
    private static final String ARCHETYPE_PLUGIN = "org.apache.maven.plugins:maven-archetype-plugin:"
            + required("guildflow.it.archetype-plugin-version") + ":generate";
    private static final Path OUTER_REPOSITORY = Path.of(required("guildflow.it.local-repository"));
    private static final Path CHECKOUT = Path.of("").toAbsolutePath().getParent();
    /** What a bot's build resolves of Guildflow: the archetype, what bot-parent manages, and what those depend on. */
    private static final List<String> MODULES = List.of("guildflow-bot-archetype", "guildflow-api", "guildflow-common",
            "guildflow-gateway", "guildflow-worker", "guildflow-app", "guildflow-testkit");
    private static final long BUILD_MINUTES = 5;

    @Test
    void aGeneratedBotWithAnAddedCommandBuildsTestsAndPackagesWithMaven38AndItsWrapper() throws Exception {
        Path work = Files.createTempDirectory("guildflow-bot-archetype-it");
        Path repository = work.resolve("repository");
        layOutGuildflowArtifacts(repository);
        Path settings = writeSettings(work);
        Path mvn = plainMaven();
        List<String> maven = List.of("-B", "-s", settings.toString(), "-Dmaven.repo.local=" + repository);
        // -o with file: allowed: offline from the network, reading the outer build's repository
        List<String> offline = List.of("-o", "-Daether.offline.protocols=file");

        build(work, work.resolve("generate.log"), concat(List.of(mvn.toString()), maven, offline, List.of(ARCHETYPE_PLUGIN,
                "-DarchetypeGroupId=io.guildflow", "-DarchetypeArtifactId=guildflow-bot-archetype",
                "-DarchetypeVersion=" + VERSION, "-DgroupId=com.example", "-DartifactId=greeter-bot",
                "-Dversion=1.0.0", "-Dpackage=com.example.greeter")));
        Path project = work.resolve("greeter-bot");
        assertOnlyParentAndOwnVersion(project.resolve("pom.xml"));
        assertTrue(Files.isExecutable(project.resolve("mvnw")), "the generated mvnw is not executable: ./mvnw cannot run");
        addShoutCommand(project);

        // not offline: Maven 3.8 adds plexus-utils 1.1 to a plugin that does not declare it (surefire), which 3.9 never fetches
        build(project, work.resolve("mvn-verify.log"), concat(List.of(mvn.toString()), maven, List.of("verify")));
        assertBuilt(project, "mvn verify (" + mvn + ")");

        build(project, work.resolve("mvnw-verify.log"), concat(List.of("./mvnw"), maven, offline, List.of("clean", "verify")));
        assertBuilt(project, "./mvnw verify");

        deleteTree(work);
    }

    /** Each module's jar from the test class path (the reactor's, or the local repository's), its own pom, and the parents. */
    private static void layOutGuildflowArtifacts(Path repository) throws IOException {
        for (String module : MODULES) {
            Path jar = classPathJar(module);
            Path dir = artifactDirectory(repository, module);
            Files.copy(jar, dir.resolve(module + "-" + VERSION + ".jar"));
            try (JarFile file = new JarFile(jar.toFile());
                 InputStream pom = file.getInputStream(file.getEntry("META-INF/maven/io.guildflow/" + module + "/pom.xml"))) {
                Files.copy(pom, dir.resolve(module + "-" + VERSION + ".pom"));
            }
        }
        Files.copy(CHECKOUT.resolve("pom.xml"), artifactDirectory(repository, "guildflow-parent")
                .resolve("guildflow-parent-" + VERSION + ".pom"));
        Files.copy(CHECKOUT.resolve("bot-parent/pom.xml"), artifactDirectory(repository, "guildflow-bot-parent")
                .resolve("guildflow-bot-parent-" + VERSION + ".pom"));
    }

    private static Path artifactDirectory(Path repository, String artifactId) throws IOException {
        return Files.createDirectories(repository.resolve("io/guildflow").resolve(artifactId).resolve(VERSION));
    }

    private static Path classPathJar(String artifactId) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(entry -> entry.getFileName().toString().matches(Pattern.quote(artifactId) + "(-" + Pattern.quote(VERSION)
                        + ")?\\.jar"))
                .findFirst().orElseThrow(() -> new AssertionError(artifactId + " is not on devtools' test class path as a jar"
                        + " (devtools' pom must depend on it, so the reactor builds it first)"));
    }

    /** The outer build's local repository as a file repository, ahead of Maven Central. */
    private static Path writeSettings(Path work) throws IOException {
        if (!Files.isDirectory(OUTER_REPOSITORY)) {
            fail("the build's local repository " + OUTER_REPOSITORY + " does not exist");
        }
        String repository = """
                <id>outer</id><url>%s</url>
                <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>
                """.formatted(OUTER_REPOSITORY.toUri());
        return Files.writeString(work.resolve("settings.xml"), """
                <settings>
                  <profiles><profile><id>outer</id>
                    <repositories><repository>%s</repository></repositories>
                    <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>outer</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, repository));
    }

    private static Path plainMaven() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "mvn")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("plain Maven (mvn, 3.8 or later) is not on PATH: this test builds the"
                        + " generated bot with it (Debian: apt-get install maven)"));
    }

    /** The archetype's pom names the parent's version and its own; every other version comes from bot-parent. */
    private static void assertOnlyParentAndOwnVersion(Path pom) throws IOException {
        Matcher version = Pattern.compile("<version>([^<]*)</version>").matcher(Files.readString(pom));
        List<String> versions = new ArrayList<>();
        while (version.find()) {
            versions.add(version.group(1));
        }
        assertEquals(List.of(VERSION, "1.0.0"), versions, "versions in the generated " + pom
                + ": only the parent's and the bot's own belong there, the rest is bot-parent's");
    }

    /** What an author does next: a handler class, its services line and its test. */
    private static void addShoutCommand(Path project) throws IOException {
        Path main = project.resolve("src/main/java/com/example/greeter");
        Files.writeString(main.resolve("ShoutCommand.java"), """
                package com.example.greeter;

                import io.guildflow.api.CommandContext;
                import io.guildflow.api.CommandDefinition;
                import io.guildflow.api.OptionDefinition;
                import io.guildflow.api.Response;
                import io.guildflow.api.SlashCommand;
                import java.util.Locale;

                public final class ShoutCommand implements SlashCommand {
                    @Override
                    public CommandDefinition definition() {
                        return CommandDefinition.of("shout", "Say it loud", OptionDefinition.string("text", "what to say", true));
                    }

                    @Override
                    public Response handle(CommandContext context) {
                        return Response.reply(context.options().string("text").orElseThrow().toUpperCase(Locale.ROOT) + "!");
                    }
                }
                """);
        Path services = project.resolve("src/main/resources/META-INF/services/io.guildflow.api.InteractionHandler");
        Files.writeString(services, Files.readString(services).strip() + "\ncom.example.greeter.ShoutCommand\n");
        Files.writeString(project.resolve("src/test/java/com/example/greeter/ShoutCommandTest.java"), """
                package com.example.greeter;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import io.guildflow.testkit.bot.GuildflowBotExtension;
                import io.guildflow.testkit.bot.TestBot;
                import java.util.Map;
                import org.junit.jupiter.api.Test;
                import org.junit.jupiter.api.extension.ExtendWith;

                @ExtendWith(GuildflowBotExtension.class)
                class ShoutCommandTest {
                    @Test
                    void shouts(TestBot bot) {
                        assertEquals("HELLO!", bot.slash("shout", Map.of("text", "hello")).content());
                    }
                }
                """);
    }

    /** Both tests ran and passed, and target/greeter-bot.jar runs the runtime with both handlers listed. */
    private static void assertBuilt(Path project, String build) throws IOException {
        for (String test : List.of("HelloCommandTest", "ShoutCommandTest")) {
            Path report = project.resolve("target/surefire-reports/TEST-com.example.greeter." + test + ".xml");
            assertTrue(Files.isRegularFile(report), build + " left no surefire report of " + test + ": it did not run");
            String suite = Files.readString(report).replaceAll("(?s).*?(<testsuite\\b[^>]*>).*", "$1");
            for (String count : List.of("tests=\"1\"", "failures=\"0\"", "errors=\"0\"", "skipped=\"0\"")) {
                assertTrue(suite.contains(count), build + ": " + test + " did not pass once (" + count + " expected): " + suite);
            }
        }
        try (JarFile jar = new JarFile(project.resolve("target/greeter-bot.jar").toFile())) {
            assertEquals("io.guildflow.app.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"),
                    build + ": the bot jar's main class");
            try (InputStream services = jar.getInputStream(jar.getEntry("META-INF/services/io.guildflow.api.InteractionHandler"))) {
                assertEquals(List.of("com.example.greeter.HelloCommand", "com.example.greeter.ShoutCommand"),
                        new String(services.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList(),
                        build + ": the handlers ServiceLoader finds in the bot jar");
            }
        }
    }

    /** Runs a nested Maven build; its output goes to {@code log}, the last lines of which a failure shows. */
    private static void build(Path directory, Path log, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // the running build's own Maven settings, which the wrapper and bin/mvn hand down, must not steer the nested ones
        Stream.of("MAVEN_BASEDIR", "MAVEN_PROJECTBASEDIR", "MAVEN_ARGS", "MAVEN_CONFIG", "MAVEN_HOME", "M2_HOME")
                .forEach(env::remove);
        long started = System.nanoTime();
        Process process = builder.start();
        String line = command.get(0) + " … " + command.get(command.size() - 1);
        if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(line + " in " + directory + " did not finish within " + BUILD_MINUTES + " minutes; log: " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            fail(line + " in " + directory + " exited " + process.exitValue() + "; log: " + log + ", its end:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
        // what this test costs a CI run, step by step
        System.out.printf("%s took %d s%n", line, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run this test through failsafe"
                    + " (devtools' pom sets it)");
        }
        return value;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

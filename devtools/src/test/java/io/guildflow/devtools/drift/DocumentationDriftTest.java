package io.guildflow.devtools.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.drift.DocumentedVariables.Named;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: the docs (README.md, docs/*.md, compose.yaml, k8s/, .env.example) and the code must not drift
 * apart. A variable the runtime reads needs a row in README.md's configuration table; a variable any of them
 * names must be read by something (our code, compose, a script, or a third-party image listed below); the
 * jars' commands and flags and the repository paths the pages name must exist; README's --help output must be
 * the real one. Each failure names the variable, command or path and where it was found.
 */
class DocumentationDriftTest {
    /** Names the docs use that are read where no scan sees it (other software, a computed name): each with by whom. */
    private static final Map<String, String> READ_ELSEWHERE = Map.of(
            "NATS_GATEWAY_PASSWORD", "deploy/nats/start.sh, by a computed name (NATS_${role}_PASSWORD)",
            "NATS_WORKER_PASSWORD", "deploy/nats/start.sh, by a computed name (NATS_${role}_PASSWORD)",
            "NATS_SETUP_PASSWORD", "deploy/nats/start.sh, by a computed name (NATS_${role}_PASSWORD)",
            "POSTGRES_PASSWORD", "the postgres image (compose, the development overlay's PostgreSQL)",
            "POSTGRES_USER", "the postgres image",
            "POSTGRES_DB", "the postgres image",
            "GF_SECURITY_ADMIN_PASSWORD", "the grafana image (compose's observability profile)",
            "MALLOC_ARENA_MAX", "glibc's malloc (the gateway's native memory, docs/performance.md)",
            "PATH", "the operating system (NatsServerProcess puts nats-server's directory on it)");

    /** Upper-case names in the docs that are Discord's or a placeholder, not environment variables. */
    private static final Set<String> NOT_VARIABLES = Set.of(
            // Discord's API names (intents, dispatch events, command types, flags, error codes), docs/emulator.md
            "GUILD_MEMBERS", "GUILD_PRESENCES", "MESSAGE_CONTENT", "GUILD_MESSAGES", "DIRECT_MESSAGES",
            "INTERACTION_CREATE", "CHAT_INPUT", "IS_COMPONENTS_V2", "STRING_TYPE_REGEX",
            "APPLICATION_COMMAND_INVALID_NAME",
            // docs/security.md: "NAME and NAME_FILE", the pattern every secret variable follows
            "NAME_FILE");

    /** A dispatch or intent name of Discord's that the API knows (docs/events.md's tables): not a variable. */
    private static boolean isDiscordName(String name) {
        return io.guildflow.api.event.EventType.named(name).isPresent()
                || java.util.Arrays.stream(io.guildflow.api.event.Intent.values()).anyMatch(i -> i.name().equals(name));
    }

    private final Repository repository = Repository.find();
    private final DocumentedVariables docs = new DocumentedVariables(repository);
    private final VariableReads reads = new VariableReads(repository);

    @Test
    void everyVariableTheRuntimeReadsHasARowInTheConfigurationTable() {
        Set<String> table = names(docs.configurationTable());
        List<Named> read = new ArrayList<>(reads.runtime());
        Set<String> scanned = names(read);
        askedAtRunTime().stream().filter(named -> !scanned.contains(named.name())).forEach(read::add);
        List<String> drift = read.stream().filter(named -> !table.contains(named.name()))
                .map(named -> named.name() + " is read at " + named.where()
                        + " but README.md's Configuration table has no row for it")
                .distinct().toList();
        assertNoDrift(drift);
    }

    @Test
    void everyVariableOtherCodeReadsIsNamedInADoc() {
        Set<String> named = names(docs.markdown());
        List<String> drift = reads.support().stream()
                .filter(read -> !named.contains(read.name()) && !READ_ELSEWHERE.containsKey(read.name()))
                .map(read -> read.name() + " is read at " + read.where() + " but named in neither README.md nor docs/")
                .distinct().toList();
        assertNoDrift(drift);
    }

    @Test
    void everyDocumentedVariableIsReadBySomething() {
        Set<String> read = readByProcesses();
        read.addAll(names(docs.composeInterpolations()));
        List<Named> documented = new ArrayList<>(docs.markdown());
        documented.addAll(docs.envExample());
        List<String> drift = documented.stream()
                .filter(named -> !read.contains(named.name()) && !NOT_VARIABLES.contains(named.name())
                        && !isDiscordName(named.name()))
                .map(named -> named.name() + " is named at " + named.where() + " but nothing reads it")
                .toList();
        assertNoDrift(drift);
    }

    /** compose's {@code FOO: ${FOO}} satisfies itself: what a container is given, a process in it must read. */
    @Test
    void everyVariableADeploymentGivesAContainerIsReadInIt() {
        Set<String> read = readByProcesses();
        List<Named> given = new ArrayList<>(docs.composeEnvironment());
        given.addAll(docs.kubernetes());
        List<String> drift = given.stream().filter(named -> !read.contains(named.name()))
                .map(named -> named.name() + " is given to a container at " + named.where()
                        + " but no process reads it (neither the runtime, a script, nor the image named for it)")
                .toList();
        assertNoDrift(drift);
    }

    /** A row of README.md's Configuration table is a promise about the runtime: the runtime reads it. */
    @Test
    void everyConfigurationTableRowIsReadByTheRuntime() {
        Set<String> read = names(reads.runtime());
        read.addAll(names(askedAtRunTime()));
        List<String> drift = docs.configurationTable().stream().filter(named -> !read.contains(named.name()))
                .map(named -> named.name() + " has a row at " + named.where() + " but the runtime never reads it")
                .toList();
        assertNoDrift(drift);
    }

    private Set<String> readByProcesses() {
        Set<String> read = names(Stream.of(reads.runtime(), reads.support(), reads.shell(), askedAtRunTime())
                .flatMap(Collection::stream).toList());
        read.addAll(READ_ELSEWHERE.keySet());
        return read;
    }

    @Test
    void everyEnvExampleLineReachesComposeAndEveryInterpolationIsDocumented() {
        Set<String> interpolated = names(docs.composeInterpolations());
        List<String> drift = new ArrayList<>(docs.envExample().stream()
                .filter(named -> !interpolated.contains(named.name()))
                .map(named -> named.name() + " is set at " + named.where() + " but compose.yaml never uses ${"
                        + named.name() + "}").toList());
        Set<String> documented = names(docs.configurationTable());
        documented.addAll(names(docs.envExample()));
        docs.composeInterpolations().stream().filter(named -> !documented.contains(named.name()))
                .map(named -> named.name() + " is interpolated at " + named.where()
                        + " but is in neither .env.example nor README.md's Configuration table")
                .distinct().forEach(drift::add);
        assertNoDrift(drift);
    }

    /**
     * Guards the scan: what the settings readers ask for when run must be what the source scan finds, or the scan
     * has stopped recognising how they read (and the checks of compose, k8s and the docs against it go blind).
     */
    @Test
    void theScanFindsEveryVariableTheSettingsReadersAskFor() {
        Set<String> scanned = names(reads.runtime());
        List<Named> asked = askedAtRunTime();
        List<String> drift = new ArrayList<>(asked.stream().filter(named -> !scanned.contains(named.name()))
                .map(named -> named.name() + " is read by " + named.where() + " but the source scan did not find it: read it"
                        + " by a literal name or a String constant through " + ConfigurationReader.SIMPLE_NAME)
                .distinct().toList());
        if (names(asked).size() < 20) {
            drift.add("running the settings readers asked for only " + names(asked) + ": the run-time check has gone blind");
        }
        assertNoDrift(drift);
    }

    private List<Named> askedAtRunTime() {
        return ConfigurationReader.askedAtRunTime(reads.readerUsers().stream()
                .map(file -> VariableReads.className(repository.relative(file))).toList());
    }

    /** An extraction that finds nothing would make every check above pass vacuously. */
    @Test
    void everySourceYieldsNames() {
        Map<String, Integer> found = Map.of("README.md's Configuration table", docs.configurationTable().size(),
                "README.md and docs/", docs.markdown().size(), "compose.yaml's environments", docs.composeEnvironment().size(),
                "compose.yaml's interpolations", docs.composeInterpolations().size(), ".env.example", docs.envExample().size(),
                "k8s/", docs.kubernetes().size(), "the runtime's code", reads.runtime().size(),
                "the scripts", reads.shell().size());
        assertNoDrift(found.entrySet().stream().filter(source -> source.getValue() < 3)
                .map(source -> "only " + source.getValue() + " variable(s) found in " + source.getKey()).toList());
    }

    @Test
    void everyMeterHasARowInTheMetricsTableAndEveryRowAMeter() {
        assertNoDrift(metrics().tableDrift());
    }

    @Test
    void everyMetricNameThePagesGiveIsOneTheRuntimeExposes() {
        assertNoDrift(metrics().mentionDrift());
    }

    @Test
    void everyMeterIsNamedInMetricNames() {
        assertNoDrift(metrics().literalNames());
    }

    private DocumentedMetrics metrics() {
        return new DocumentedMetrics(repository, reads.runtimeSources());
    }

    @Test
    void mavenCommandLinesSelectTheModulesTestsAndProfilesTheyName() {
        assertNoDrift(new DocumentedBuilds(repository).commandDrift());
    }

    @Test
    void whatACodeBlockRunsAfterAPartialBuildWasBuiltByIt() {
        assertNoDrift(new DocumentedBuilds(repository).builtBeforeUseDrift());
    }

    @Test
    void theArchetypeThePagesGenerateFromIsThisBuilds() {
        assertNoDrift(new DocumentedBuilds(repository).archetypeDrift());
    }

    @Test
    void documentedCommandLinesUseRealCommandsAndFlags() {
        assertNoDrift(new DocumentedCommands(repository).commandLineDrift());
    }

    @Test
    void deploymentFilesRunRealCommandsOfTheBotJar() {
        assertNoDrift(new DocumentedCommands(repository).deploymentCommandDrift());
    }

    @Test
    void theJarsTableListsTheRealCommands() {
        assertNoDrift(new DocumentedCommands(repository).jarTableDrift());
    }

    @Test
    void flagsNamedInProseExist() {
        assertNoDrift(new DocumentedCommands(repository).proseFlagDrift());
    }

    @Test
    void readmeHelpBlocksAreTheRealHelp() {
        assertNoDrift(new DocumentedCommands(repository).helpDrift());
    }

    @Test
    void readmeJavaExamplesAreTheExampleBotsFiles() {
        assertNoDrift(new DocumentedExamples(repository).drift());
    }

    /** The two checks above are not blind: a change planted in a copy of README.md is reported, once, where it is. */
    @Test
    void aPlantedMismatchInAHelpBlockOrAJavaExampleIsReported() {
        String readme = repository.read("README.md");
        String helpLine = "  -V, --version   Print version information and exit.";
        String testLine = "assertEquals(\"Hello, Ada!\", answer.content());";
        assertTrue(readme.contains(helpLine) && readme.contains(testLine), "the lines to plant in are gone from README.md");
        List<String> help = DocumentedCommands.helpDrift(readme.replaceFirst(Pattern.quote(helpLine),
                "  -V, --version   Print the version."));
        assertEquals(1, help.size(), String.join("\n", help));
        assertTrue(help.get(0).contains("differs from its real output"), help.get(0));
        List<String> example = DocumentedExamples.drift(readme.replace(testLine, testLine.replace("Ada", "Bob")),
                new DocumentedExamples(repository)::source);
        assertEquals(List.of("README.md:" + (Repository.lineOf(readme, readme.indexOf("package io.guildflow.example.greet;")) - 1)
                + ": the block of GreetCommandTest differs from examples/src/test/java/io/guildflow/example/greet/"
                + "GreetCommandTest.java: line 20 shows `assertEquals(\"Hello, Bob!\", answer.content());` where the file"
                + " has `assertEquals(\"Hello, Ada!\", answer.content());`"), example);
    }

    @Test
    void repositoryPathsTheDocsNameExist() {
        assertNoDrift(new DocumentedCommands(repository).pathDrift());
    }

    @Test
    void repositoryPathsTheDeploymentFilesNameExist() {
        assertNoDrift(new DocumentedCommands(repository).deploymentPathDrift());
    }

    @Test
    void pagesReferredToExist() {
        assertNoDrift(new PageReferences(repository).pageDrift());
    }

    @Test
    void programsAreNamedWithTheirOwnCommands() {
        assertNoDrift(new PageReferences(repository).programCommandDrift());
    }

    @Test
    void repositoryPathsComposeMountsAndBuildsExist() {
        assertNoDrift(new DocumentedCommands(repository).composePathDrift());
    }

    private static Set<String> names(Collection<Named> named) {
        return named.stream().map(Named::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertNoDrift(List<String> drift) {
        assertTrue(drift.isEmpty(), drift.size() + " drift(s) between the docs and the code:\n" + String.join("\n", drift));
    }
}

package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testkit.recording.RestCall;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The example bot deployed as in production, against the emulator: a gateway process and worker
 * processes of the packaged jar, on the shared NATS and PostgreSQL in an environment of their own.
 * Workers can be killed and replaced; each worker's database sessions carry its name
 * ({@code application_name}), so a test can tell which process holds a lock.
 */
final class SignupDeployment implements AutoCloseable {
    static final String POSTS = "/channels/{channel.id}/messages";
    static final String EDITS = "/channels/{channel.id}/messages/{message.id}";
    private static final Duration START = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IsolatedEnvironment environment;
    private final DiscordEmulator emulator;
    private final Map<String, String> settings;
    private final Map<String, String> workerSettings;
    private final List<JarProcess> workers = new ArrayList<>();
    private final List<JarProcess> running = new ArrayList<>();
    /** Usually one; more hold the same shard at once, as during a rollout. */
    private final List<JarProcess> gateways = new ArrayList<>();

    /** A signup as posted: its id in PostgreSQL and its message at the emulator. */
    record PostedSignup(long id, String channelId, String messageId) {
    }

    /**
     * @param settings extra settings for every process (e.g. ACK_WAIT), besides the environment's own
     */
    SignupDeployment(IsolatedEnvironment environment, DiscordEmulator emulator, Map<String, String> settings) {
        this(environment, emulator, settings, Map.of());
    }

    /** @param workerOnly settings for the workers alone, applied last (e.g. a token Discord refuses) */
    SignupDeployment(IsolatedEnvironment environment, DiscordEmulator emulator, Map<String, String> settings,
                     Map<String, String> workerOnly) {
        this.environment = environment;
        this.emulator = emulator;
        this.workerSettings = new HashMap<>(JarProcess.workerSettings(emulator, environment));
        // The signup message is posted and edited with the bot token (the outbox), not an interaction token.
        this.workerSettings.put("DISCORD_TOKEN", emulator.token());
        this.workerSettings.putAll(settings);
        this.workerSettings.putAll(workerOnly);
        this.settings = Map.copyOf(settings);
    }

    /** Starts {@code count} workers, then the gateway (it registers the bot's commands); waits until all are ready. */
    SignupDeployment start(int count) throws IOException, InterruptedException {
        startWorkers(count);
        startGateway();
        return this;
    }

    /** Starts {@code count} workers and waits until they are ready (the bot's tables exist from then on). */
    SignupDeployment startWorkers(int count) throws IOException, InterruptedException {
        List<JarProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(startWorker());
        }
        for (JarProcess worker : started) {
            worker.awaitReady(START);
        }
        return this;
    }

    /** Starts a gateway process and waits until it is ready; a second one holds the same shards as the first. */
    JarProcess startGateway() throws IOException, InterruptedException {
        Map<String, String> gatewaySettings = new HashMap<>(JarProcess.gatewaySettings(emulator, environment));
        gatewaySettings.putAll(settings);
        JarProcess gateway = JarProcess.run(gatewaySettings);
        gateways.add(gateway);
        gateway.awaitReady(START);
        return gateway;
    }

    /** A new worker process, named {@code worker-<n>} in its database sessions; does not wait for it. */
    JarProcess startWorker() throws IOException {
        String name = "worker-" + (workers.size() + 1);
        Map<String, String> env = new HashMap<>(workerSettings);
        env.put("DATABASE_URL", environment.databaseUrl() + "&ApplicationName=" + name);
        JarProcess worker = JarProcess.run(env);
        workers.add(worker);
        running.add(worker);
        return worker;
    }

    /** The worker whose database sessions are named {@code name}. */
    JarProcess worker(String name) {
        return workers.get(Integer.parseInt(name.substring("worker-".length())) - 1);
    }

    List<JarProcess> runningWorkers() {
        return List.copyOf(running);
    }

    /** SIGKILL: its NATS and PostgreSQL connections are cut wherever it was. */
    void kill(JarProcess worker) throws InterruptedException {
        worker.kill();
        running.remove(worker);
    }

    /** {@code /signup create} in the guild's text channel, answered once, its message posted through the outbox. */
    PostedSignup create(EmulatedGuild guild, String title, int slots) throws IOException {
        return create(guild, guild.textChannelId(), title, slots);
    }

    /** {@code /signup create} in {@code channelId}, answered once, its message posted there through the outbox. */
    PostedSignup create(EmulatedGuild guild, String channelId, String title, int slots) throws IOException {
        int postsBefore = acceptedPosts().size();
        DispatchedInteraction command = emulator.slashCommand(guild, channelId, guild.members().get(0), "signup create",
                Map.of("title", title, "slots", slots, "closes_in", 60));
        InteractionRecord answer = emulator.awaitResponse(command.id(), START);
        long id = Long.parseLong(answer.content().replaceAll("^Signup #(\\d+) is open\\.$", "$1"));
        try {
            emulator.awaitCondition(() -> acceptedPosts().size() > postsBefore, START);
        } catch (AssertionError e) {
            throw new AssertionError("the signup message was not posted; posts: "
                    + emulator.restCalls("POST", POSTS) + outputs(), e);
        }
        JsonNode posted = JSON.readTree(acceptedPosts().get(postsBefore).responseBody());
        assertEquals("**" + title + "** — 0/" + slots + " joined", posted.path("content").asText().split("\n")[0]);
        return new PostedSignup(id, posted.path("channel_id").asText(), posted.path("id").asText());
    }

    /** Every message post the emulator accepted, in order. */
    List<RestCall> acceptedPosts() {
        return emulator.restCalls("POST", POSTS).stream().filter(call -> call.status() < 300).toList();
    }

    /** Every message edit the emulator accepted for this message, in order. */
    List<RestCall> acceptedEdits(String messageId) {
        return emulator.restCalls("PATCH", EDITS).stream()
                .filter(call -> call.status() < 300 && call.path().endsWith("/" + messageId)).toList();
    }

    /** The message's content as Discord shows it now. */
    String content(PostedSignup signup) {
        return emulator.messages(signup.channelId(), 100).stream()
                .filter(message -> message.path("id").asText().equals(signup.messageId()))
                .findFirst().orElseThrow().path("content").asText();
    }

    /**
     * Every process's output, for a failure message; the whole outputs and the emulator's REST calls go to
     * {@code target/<environment>/}.
     */
    String outputs() throws IOException {
        java.nio.file.Path saved = java.nio.file.Path.of("target", environment.name());
        java.nio.file.Files.createDirectories(saved);
        for (int i = 0; i < workers.size(); i++) {
            java.nio.file.Files.writeString(saved.resolve("worker-" + (i + 1) + ".log"), workers.get(i).output());
        }
        for (int i = 0; i < gateways.size(); i++) {
            java.nio.file.Files.writeString(saved.resolve("gateway-" + (i + 1) + ".log"), gateways.get(i).output());
        }
        java.nio.file.Files.write(saved.resolve("rest-calls.log"),
                emulator.restCalls().stream().map(RestCall::toString).toList());
        StringBuilder all = new StringBuilder("\n(everything in " + saved.toAbsolutePath() + ")");
        for (int i = 0; i < workers.size(); i++) {
            all.append("\n--- worker-").append(i + 1).append(" ---\n").append(tail(workers.get(i).output()));
        }
        for (int i = 0; i < gateways.size(); i++) {
            all.append("\n--- gateway-").append(i + 1).append(" ---\n").append(tail(gateways.get(i).output()));
        }
        return all.toString();
    }

    private static String tail(String output) {
        return output.length() > 4_000 ? output.substring(output.length() - 4_000) : output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (JarProcess gateway : gateways) {
            gateway.close();
        }
        for (JarProcess worker : workers) {
            worker.close();
        }
    }
}

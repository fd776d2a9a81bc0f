package io.guildflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.gateway.GatewayConnection;
import io.guildflow.testkit.gateway.GatewayHub;
import io.guildflow.testkit.interaction.InteractionRegistry;
import io.guildflow.testkit.interaction.InteractionState;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.Snowflakes;
import io.guildflow.testkit.model.World;
import io.guildflow.testkit.recording.GatewayFrame;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testkit.recording.Recorder;
import io.guildflow.testkit.recording.RestCall;
import io.guildflow.testkit.rest.RateLimiter;
import io.guildflow.testkit.rest.RestContext;
import io.guildflow.testkit.rest.RestHandler;
import io.guildflow.testkit.rest.Routes;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An emulated Discord (gateway WebSocket + REST API v10) on a loopback port, for running the real JDA against.
 * Interaction triggers live in {@link InteractionTriggers} and gateway controls in {@link GatewayControls}, inherited
 * here so tests call {@code emu.slashCommand} and {@code emu.joinGuild}.
 */
public final class DiscordEmulator extends GatewayControls implements AutoCloseable {
    private final DiscordEmulatorBuilder config;
    private final World world;
    private final Recorder recorder;
    private final InteractionRegistry registry;
    private final GatewayHub hub;
    private final EmulatorServer server;
    private final RestHandler rest;
    private volatile int port = -1;

    DiscordEmulator(DiscordEmulatorBuilder b) {
        super(EmulatorCore.create(b));
        this.config = b;
        this.world = core.world();
        this.recorder = core.recorder();
        this.registry = core.registry();
        this.hub = core.hub();
        RestContext ctx = new RestContext(world, registry, hub, core.messages(), core.guildEvents(), b.clock, b.token,
                this::gatewayUrl, b.shards);
        this.rest = new RestHandler(Routes.all(ctx), b.token,
                new RateLimiter(b.clock, b.globalRateLimit, b.routeRateLimits), recorder, b.clock,
                b.invalidRequestLimit);
        this.server = new EmulatorServer(b.host, b.port, new ControlHandler(this, rest), hub);
        b.commands.forEach(this::registerGlobalCommand);
    }

    public static DiscordEmulatorBuilder builder() {
        return new DiscordEmulatorBuilder();
    }

    /** Starts listening; returns this. */
    public DiscordEmulator start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the Discord emulator on " + config.host + ":"
                    + config.port, e);
        }
        port = server.port();
        hub.setResumeUrl(resumeGatewayUrl());
        return this;
    }

    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the Discord emulator", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * A slow Discord: every REST request from now on is handled this long after it arrived (and answered right
     * then), so Discord's 3-second window counts the wait; {@link Duration#ZERO} makes it prompt again.
     */
    public void restLatency(Duration latency) {
        rest.latency(latency);
    }

    public int port() {
        if (port < 0) {
            throw new IllegalStateException("emulator not started");
        }
        return port;
    }

    /** REST base, e.g. {@code http://127.0.0.1:PORT/api/v10} (JDA: {@code RestConfig.setBaseUrl(apiUrl() + "/")}). */
    public String apiUrl() {
        return "http://" + config.host + ":" + port() + "/api/v10";
    }

    /** Gateway URL, e.g. {@code ws://127.0.0.1:PORT/gateway}; any path but the resume path, any query. */
    public String gatewayUrl() {
        return "ws://" + config.host + ":" + port() + "/gateway";
    }

    /**
     * The {@code resume_gateway_url} READY announces: only RESUME is accepted there, and RESUME only there, so a
     * client that resumes on the wrong URL gets Invalid Session.
     */
    public String resumeGatewayUrl() {
        return "ws://" + config.host + ":" + port() + GatewayConnection.RESUME_PATH;
    }

    /** One line saying where the emulator listens and how to point a bot at it. */
    public String describe() {
        return "Discord emulator listening: DISCORD_API_URL=" + apiUrl() + " DISCORD_GATEWAY_URL=" + gatewayUrl()
                + " token=" + token() + " applicationId=" + applicationId() + " guilds="
                + world.guilds().size() + " shards=" + config.shards;
    }

    /**
     * The banner: where it listens, each guild with its channels and members (name=id), then the routes a person
     * drives it with: a member's interactions and the gateway events.
     */
    public void printListening(PrintStream out) {
        out.println(describe());
        for (EmulatedGuild g : guilds()) {
            out.println("  guild " + g.id() + " \"" + g.name() + "\" channels=" + g.channels() + " members="
                    + g.members().stream().map(u -> u.username() + "=" + u.id()).toList());
        }
        routes().forEach(out::println);
    }

    /**
     * The routes a person drives the emulator with, for a banner: a heading line with this emulator's base URL for
     * the member's interactions and one for the gateway events, each followed by its routes (indented).
     */
    public List<String> routes() {
        String base = "http://" + config.host + ":" + port();
        List<String> lines = new java.util.ArrayList<>();
        lines.add("interactions by hand on " + base + " (each answers the interaction's id; guild and user are"
                + " indexes, default 0):");
        InteractionControls.ROUTES.forEach(route -> lines.add("  " + route));
        lines.add("gateway events by hand (each answers the ids it made; guild and user are indexes, default 0):");
        ControlHandler.EVENT_ROUTES.forEach(route -> lines.add("  " + route));
        return lines;
    }

    public String token() {
        return config.token;
    }

    public String applicationId() {
        return Json.id(config.applicationId);
    }

    /** The privileged intents the application may identify with (builder {@code privilegedIntents}). */
    public long privilegedIntents() {
        return config.privilegedIntents;
    }

    public Clock clock() {
        return config.clock;
    }

    public EmulatedUser botUser() {
        return world.bot();
    }

    public List<EmulatedGuild> guilds() {
        return world.guilds().stream().map(GuildState::snapshot).toList();
    }

    public EmulatedGuild guild(int index) {
        return world.guilds().get(index).snapshot();
    }

    /** All (non-bot) users. */
    public List<EmulatedUser> users() {
        return world.users();
    }

    /** Channels of a guild as Discord returns them (includes channels created over REST). */
    public List<JsonNode> channels(EmulatedGuild guild) {
        return List.copyOf(guildState(guild).channels());
    }

    public List<JsonNode> roles(EmulatedGuild guild) {
        return List.copyOf(guildState(guild).roles());
    }

    /** Latest messages of a channel, newest first. */
    public List<JsonNode> messages(String channelId, int limit) {
        ArrayNode a = world.messages().latest(Snowflakes.parse(channelId), limit);
        return java.util.stream.StreamSupport.stream(a.spliterator(), false).toList();
    }

    /** Registered application commands: guildId null for global ones. */
    public List<JsonNode> commands(String guildId) {
        ArrayNode a = world.commands().list(guildId == null ? 0 : Snowflakes.parse(guildId));
        return java.util.stream.StreamSupport.stream(a.spliterator(), false).toList();
    }

    /** Posts a message authored by {@code author} into a channel (no gateway event); returns it. */
    public JsonNode postUserMessage(EmulatedGuild guild, EmulatedUser author, String content) {
        long id = world.ids().next();
        long channelId = Snowflakes.parse(guild.textChannelId());
        ObjectNode body = Json.object().put("content", content);
        ObjectNode msg = Payloads.message(id, channelId, Snowflakes.parse(guild.id()), author, body, clock().instant(),
                null);
        world.messages().add(channelId, id, msg);
        return msg.deepCopy();
    }

    // ---- recording ----

    public List<RestCall> restCalls() {
        return recorder.restCalls();
    }

    /** REST calls whose method and route template match, e.g. {@code ("POST", "/channels/{channel.id}/messages")}. */
    public List<RestCall> restCalls(String method, String routeTemplate) {
        return recorder.restCalls().stream()
                .filter(c -> c.method().equals(method) && c.route().equals(routeTemplate))
                .toList();
    }

    public List<GatewayFrame> gatewayFrames() {
        return recorder.gatewayFrames();
    }

    public long restCallCount() {
        return recorder.restCallCount();
    }

    /** Forgets recorded REST calls and gateway frames (interactions are kept). */
    public void clearRecording() {
        recorder.clear();
    }

    public InteractionRecord interaction(String id) {
        return state(id).snapshot();
    }

    public List<InteractionRecord> interactions() {
        return registry.snapshots();
    }

    /**
     * Waits until the interaction has a visible response: callback 4/7 (message), 8 (choices), 9 (modal), or for a
     * deferred 5/6 the first edit of {@code @original} or a follow-up. Throws AssertionError on timeout.
     */
    public InteractionRecord awaitResponse(String interactionId, Duration timeout) {
        return await(state(interactionId).respondedFuture(), interactionId, timeout, "response");
    }

    /** Waits until the interaction has an accepted acknowledgement (any callback type). */
    public InteractionRecord awaitAcknowledged(String interactionId, Duration timeout) {
        return await(state(interactionId).acknowledgedFuture(), interactionId, timeout, "acknowledgement");
    }

    private InteractionRecord await(CompletableFuture<InteractionRecord> f, String id, Duration timeout, String what) {
        try {
            f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return interaction(id);
        } catch (TimeoutException e) {
            throw new AssertionError("interaction " + id + " got no " + what + " within "
                    + timeout + "; state: " + interaction(id));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for interaction " + id, e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private InteractionState state(String id) {
        return registry.byId(Snowflakes.parse(id)).orElseThrow(() -> new NoSuchElementException(
                "no interaction " + id + " was dispatched by this emulator"));
    }

    /** Runs standalone: {@code java ... DiscordEmulator [port] [guilds]}; stops on Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4444;
        int guilds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DiscordEmulator emu = builder().port(port).guilds(guilds).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(emu::stop, "discord-emulator-stop"));
        emu.printListening(System.out);
        Thread.currentThread().join();
    }
}

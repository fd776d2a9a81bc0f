package io.guildflow.testkit;

import io.guildflow.testkit.event.EventContext;
import io.guildflow.testkit.event.GuildEvents;
import io.guildflow.testkit.event.MemberEvents;
import io.guildflow.testkit.event.MessageEvents;
import io.guildflow.testkit.gateway.GatewayHub;
import io.guildflow.testkit.gateway.GatewayRules;
import io.guildflow.testkit.gateway.IdentifyLimiter;
import io.guildflow.testkit.interaction.InteractionFactory;
import io.guildflow.testkit.interaction.InteractionRegistry;
import io.guildflow.testkit.model.World;
import io.guildflow.testkit.recording.BotPosts;
import io.guildflow.testkit.recording.Recorder;

/** The emulator's state objects, wired once from the builder. */
record EmulatorCore(
        World world,
        Recorder recorder,
        InteractionRegistry registry,
        GatewayHub hub,
        InteractionFactory factory,
        BotPosts posts,
        MessageEvents messages,
        MemberEvents members,
        GuildEvents guildEvents) {

    static EmulatorCore create(DiscordEmulatorBuilder b) {
        World world = new World(b.applicationId, b.botName, b.guilds, b.usersPerGuild, b.clock);
        Recorder recorder = new Recorder(b.recordingLimit);
        InteractionRegistry registry = new InteractionRegistry(b.interactionLimit);
        IdentifyLimiter identifyLimits =
                new IdentifyLimiter(b.clock, b.maxConcurrency, b.sessionStartTotal,
                        b.sessionStartsRemaining < 0 ? b.sessionStartTotal : b.sessionStartsRemaining);
        GatewayHub hub = new GatewayHub(world, b.token, recorder, b.clock, b.resumeBuffer, identifyLimits,
                new GatewayRules(b.heartbeatInterval, b.reconnectGrace, b.privilegedIntents));
        InteractionFactory factory = new InteractionFactory(world, registry, b.clock, b.shards);
        BotPosts posts = new BotPosts(b.recordingLimit);
        EventContext events = new EventContext(world, hub, b.clock);
        return new EmulatorCore(world, recorder, registry, hub, factory, posts, new MessageEvents(events, posts),
                new MemberEvents(events), new GuildEvents(events));
    }
}

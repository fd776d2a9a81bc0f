package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.gateway.Intents;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's acceptance: the example bot's gateway events through real processes — two gateways holding the same
 * shard for the whole test (Discord dispatches every event to both sessions) and three workers, one SIGKILLed twice
 * mid-traffic and replaced — while 1,000 message and reaction events flow across 10 guilds. Every effect is applied
 * exactly once: the members' message counts equal what they sent, each message's create, edit and delete are in the
 * message log once each and in that order, each starboard post is made once and shows the stars left, and each edit
 * and delete is told once in the modlog channel. Reactions have no key of their own, so both gateways' copies are
 * handled; the starboard keeps state, so they must change nothing.
 */
class EventsEndToEndIT {
    private static final int GUILDS = 10;
    /** Steps of the plan (each one event in every guild) after which the oldest running worker is killed. */
    private static final List<Integer> KILLS = List.of(33, 66);
    /** For the whole pipeline to catch up; the test fails naming what is still missing then, never earlier. */
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Emoji STAR = Emoji.unicode("⭐");
    private static final Emoji THUMB = Emoji.unicode("👍");

    @Test
    void twoGatewaysOnOneShardAndTwoWorkerKillsApplyEveryEventOnceInOrder() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("events");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(GUILDS).usersPerGuild(10)
                     .privilegedIntents(Intents.PRIVILEGED).build().start();
             // a short ACK_WAIT: what a killed worker held is redelivered within seconds
             SignupDeployment bot = new SignupDeployment(environment, emulator, Map.of("ACK_WAIT", "2s"))) {
            long began = System.nanoTime();
            bot.startWorkers(3);
            List<EventEffects> guilds = configure(emulator, environment);
            bot.startGateway();
            bot.startGateway();
            assertEquals(2, emulator.readySessions(0).size(), "both gateways hold the shard");

            long trafficBegan = System.nanoTime();
            List<EventTrafficPlan.Step> plan = EventTrafficPlan.steps();
            int sent = 0;
            int killed = 0;
            for (int step = 0; step < plan.size(); step++) {
                for (EventEffects guild : guilds) {
                    send(emulator, guild, plan.get(step));
                    sent++;
                }
                if (KILLS.contains(step)) {
                    // the oldest worker: by now it holds events of some partitions mid-work
                    bot.kill(bot.runningWorkers().get(0));
                    killed++;
                    bot.startWorker();
                } else {
                    Thread.sleep(10); // steady traffic: ten events, one per guild, every step
                }
            }
            assertEquals(1_000, sent);
            assertEquals(2, killed);
            assertEquals(2, emulator.readySessions(0).size(), "both gateways held the shard throughout");

            long trafficEnded = System.nanoTime();
            awaitNothingMissing(guilds, environment, emulator, bot);
            long settled = System.nanoTime();
            // A guild's events are handled in order: once each guild's barrier message is counted, everything sent
            // before it was handled, so a late second effect would show now.
            for (EventEffects guild : guilds) {
                emulator.userMessage(guild.guild(), member(guild, EventTrafficPlan.BARRIER_AUTHOR), "barrier");
            }
            emulator.awaitCondition(() -> barriersCounted(environment, guilds) == GUILDS, SETTLE);
            assertEquals(List.of(), EventEffects.missing(guilds, environment, emulator), "after the barriers");
            // Each reaction has no key: both gateways' copies were stored and each copy handled once (by sequence).
            long reactions = GUILDS * plan.stream()
                    .filter(step -> step.kind().ordinal() > EventTrafficPlan.Kind.DELETE.ordinal()).count();
            assertEquals(2 * reactions, environment.count("SELECT count(*) FROM handled_events"
                    + " WHERE type IN ('MESSAGE_REACTION_ADD', 'MESSAGE_REACTION_REMOVE')"),
                    "every reaction handled once per gateway that forwarded it");
            // Most of the wait is Discord's 5 posts per 5 s per channel: 25 modlog lines per guild.
            System.out.printf("events acceptance: processes ready in %d ms, 1,000 events sent in %d ms, every effect"
                    + " there %d ms later; %d event copies handled in all, %d posts and edits answered 429%n",
                    (trafficBegan - began) / 1_000_000, (trafficEnded - trafficBegan) / 1_000_000,
                    (settled - trafficEnded) / 1_000_000, environment.count("SELECT count(*) FROM handled_events"),
                    emulator.restCalls().stream().filter(call -> call.status() == 429).count());
        }
    }

    /** Each guild's starboard and modlog channels, set in its configuration before any event is handled. */
    private static List<EventEffects> configure(DiscordEmulator emulator, IsolatedEnvironment environment)
            throws SQLException {
        List<EventEffects> guilds = new ArrayList<>();
        for (EmulatedGuild guild : emulator.guilds()) {
            String starboard = emulator.createChannel(guild, "starboard", 0);
            String modlog = emulator.createChannel(guild, "modlog", 0);
            environment.execute("INSERT INTO guild_config (guild_id, settings) VALUES ('" + guild.id() + "', '"
                    + "{\"starboard_channel\": \"" + starboard + "\", \"modlog_channel\": \""
                    + modlog + "\"}')");
            guilds.add(new EventEffects(guild, starboard, modlog, new MessageRef[EventTrafficPlan.MESSAGES]));
        }
        return guilds;
    }

    private static void send(DiscordEmulator emulator, EventEffects guild, EventTrafficPlan.Step step) {
        MessageRef[] messages = guild.messages();
        switch (step.kind()) {
            case CREATE -> messages[step.message()] = emulator.userMessage(guild.guild(), member(guild, step.member()),
                    "message " + step.message());
            case EDIT -> emulator.editMessage(messages[step.message()].id(), "message " + step.message() + ", edited");
            case DELETE -> emulator.deleteMessage(messages[step.message()].id());
            case STAR -> emulator.addReaction(messages[step.message()].id(), member(guild, step.member()), STAR);
            case UNSTAR -> emulator.removeReaction(messages[step.message()].id(), member(guild, step.member()), STAR);
            case THUMB -> emulator.addReaction(messages[step.message()].id(), member(guild, step.member()), THUMB);
        }
    }

    private static EmulatedUser member(EventEffects guild, int index) {
        return guild.guild().members().get(index);
    }

    private static void awaitNothingMissing(List<EventEffects> guilds, IsolatedEnvironment environment,
            DiscordEmulator emulator, SignupDeployment bot) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        List<String> missing = EventEffects.missing(guilds, environment, emulator);
        while (!missing.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(missing.size() + " effects not as sent after " + SETTLE + ":\n"
                        + String.join("\n", missing.subList(0, Math.min(40, missing.size()))) + bot.outputs());
            }
            Thread.sleep(250);
            missing = EventEffects.missing(guilds, environment, emulator);
        }
    }

    /** Guilds whose barrier message is counted (its author writes nothing else). */
    private static long barriersCounted(IsolatedEnvironment environment, List<EventEffects> guilds) {
        String authors = guilds.stream().map(guild -> "'" + member(guild, EventTrafficPlan.BARRIER_AUTHOR).id()
                + "'").collect(java.util.stream.Collectors.joining(", "));
        try {
            return environment.count("SELECT count(*) FROM message_counts WHERE user_id IN (" + authors + ")");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}

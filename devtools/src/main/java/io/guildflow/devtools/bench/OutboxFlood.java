package io.guildflow.devtools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.RestCall;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Channel posts beside the interactions, as a signup-heavy bot makes them (issue 24): {@code /signup create} sent open
 * loop, round-robin over the guilds' text channels, each answered at once by its handler and posted through the
 * workers' outbox, which Discord's limits (each channel's bucket, the bot's global limit) and the REST governor hold
 * back. What the flood reports is what the outbox did meanwhile: posts Discord took, its 429s, the busiest second of
 * REST calls other than interaction callbacks (which the global limit does not count) against that limit, and the
 * posts still queued when it stopped waiting.
 */
record OutboxFlood(DiscordEmulator emulator, DatabaseSettings database) {
    static final String COMMAND = "signup";
    private static final String POSTS = "/channels/{channel.id}/messages";
    private static final String BACKLOG = "SELECT count(*) FROM discord_outbox WHERE kind = 'post' AND delivered_at IS NULL";

    /** Sends {@code rate} signups a second for {@code duration}, round-robin over the guilds' text channels. */
    Flight start(double rate, Duration duration) {
        List<EmulatedGuild> guilds = emulator.guilds();
        return new Flight(Instant.now(), rate, PacedSender.start("bench-outbox-flood", emulator.clock(), rate,
                duration, (i, due) -> {
                    EmulatedGuild guild = guilds.get(i % guilds.size());
                    return emulator.slashCommand(guild, guild.textChannelId(),
                            OpenLoopTraffic.member(guild, i / guilds.size()), COMMAND + " create",
                            Map.of("title", "bench " + i, "slots", 5, "closes_in", 3600));
                }));
    }

    /** One flood: when it began, its rate, and the signups it sends. */
    final class Flight {
        private final Instant began;
        private final double rate;
        private final PacedSender<DispatchedInteraction> sender;

        private Flight(Instant began, double rate, PacedSender<DispatchedInteraction> sender) {
            this.began = began;
            this.rate = rate;
            this.sender = sender;
        }

        /**
         * Waits for the last signup to be sent, then (at most {@code timeout}) until the outbox has posted every one,
         * and reads what it did from the start of the flood.
         */
        OutboxRun settle(Duration timeout) throws InterruptedException, SQLException {
            List<DispatchedInteraction> creates = sender.await();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !creates.stream().allMatch(this::acknowledged)) {
                Thread.sleep(200);
            }
            long answered = creates.stream().filter(this::acknowledged).count();
            while (posted() < creates.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            List<RestCall> calls = emulator.restCalls().stream().filter(call -> !call.at().isBefore(began)).toList();
            return new OutboxRun(creates.size(), rate, answered, posted(),
                    calls.stream().filter(call -> call.status() == 429).count(), busiestSecond(calls), backlog());
        }

        private boolean acknowledged(DispatchedInteraction create) {
            var record = emulator.interaction(create.id());
            return record != null && record.acknowledged();
        }

        private int posted() {
            return (int) emulator.restCalls("POST", POSTS).stream()
                    .filter(call -> !call.at().isBefore(began) && call.status() < 300).count();
        }
    }

    /** REST calls in the busiest second, interaction callbacks and webhooks left out: Discord's global limit skips them. */
    private static long busiestSecond(List<RestCall> calls) {
        Map<Long, Long> perSecond = new TreeMap<>();
        for (RestCall call : calls) {
            if (!call.route().startsWith("/interactions/") && !call.route().startsWith("/webhooks/")) {
                perSecond.merge(call.at().getEpochSecond(), 1L, Long::sum);
            }
        }
        return perSecond.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private long backlog() throws SQLException {
        try (Connection connection = database.connect(0); Statement query = connection.createStatement();
             ResultSet result = query.executeQuery(BACKLOG)) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * What the outbox did during one flood.
     *
     * @param busiestSecond REST calls other than interaction callbacks in the flood's busiest second
     * @param backlog       posts still queued in the outbox when the bench stopped waiting
     */
    record OutboxRun(int sent, double offeredRate, long answered, int posted, long rateLimited, long busiestSecond,
                     long backlog) {
        String describe() {
            return String.format(Locale.ROOT, "outbox: %d /signup create sent at %.0f/s, %d answered, %d posted,"
                            + " %d answered 429, busiest second %d REST calls (interaction callbacks aside), %d posts"
                            + " still queued", sent, offeredRate, answered, posted, rateLimited, busiestSecond,
                    backlog);
        }

        void writeTo(ObjectNode node) {
            node.put("sent", sent).put("offeredPerSecond", offeredRate).put("answered", answered).put("posted", posted)
                    .put("rateLimited", rateLimited).put("busiestSecondCalls", busiestSecond).put("backlog", backlog);
        }
    }
}

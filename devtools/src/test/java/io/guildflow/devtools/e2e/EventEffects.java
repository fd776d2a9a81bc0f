package io.guildflow.devtools.e2e;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.BotPost;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the example bot must show once one guild's {@link EventTrafficPlan} was handled, each effect exactly once:
 * its members' message counts, every message's create, edit and delete in the message log in that order, one
 * starboard post per message that reached the threshold showing its final stars, one modlog line per edit and delete.
 *
 * @param messages the plan's messages as the emulator created them, by plan index
 */
record EventEffects(EmulatedGuild guild, String starboard, String modlog, MessageRef[] messages) {

    /** Everything of every guild that is not (yet) as it must be, one line each; empty when all is right. */
    static List<String> missing(List<EventEffects> guilds, IsolatedEnvironment environment, DiscordEmulator emulator)
            throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        Map<String, List<String>> logs = new HashMap<>();
        Map<String, Long> stars = new HashMap<>();
        try (Connection connection = environment.connect(); Statement query = connection.createStatement()) {
            try (ResultSet rows = query.executeQuery("SELECT guild_id, user_id, messages FROM message_counts")) {
                while (rows.next()) {
                    counts.put(rows.getString(1) + "/" + rows.getString(2), rows.getLong(3));
                }
            }
            try (ResultSet rows = query.executeQuery(
                    "SELECT guild_id, message_id, action FROM message_log ORDER BY id")) {
                while (rows.next()) {
                    logs.computeIfAbsent(rows.getString(1) + "/" + rows.getString(2), key -> new ArrayList<>())
                            .add(rows.getString(3));
                }
            }
            try (ResultSet rows = query.executeQuery("SELECT guild_id, message_id, count(*) FROM starboard_stars"
                    + " GROUP BY guild_id, message_id")) {
                while (rows.next()) {
                    stars.put(rows.getString(1) + "/" + rows.getString(2), rows.getLong(3));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (EventEffects guild : guilds) {
            guild.check(counts, logs, stars, emulator, missing);
        }
        return missing;
    }

    private void check(Map<String, Long> counts, Map<String, List<String>> logs, Map<String, Long> stars,
            DiscordEmulator emulator, List<String> missing) {
        String id = guild.id();
        long perAuthor = EventTrafficPlan.MESSAGES / EventTrafficPlan.AUTHORS;
        for (int author = 0; author < EventTrafficPlan.AUTHORS; author++) {
            String member = guild.members().get(author).id();
            long counted = counts.getOrDefault(id + "/" + member, 0L);
            if (counted != perAuthor) {
                missing.add("guild " + id + ": member " + member + " has " + counted + " messages counted, sent "
                        + perAuthor);
            }
        }
        for (int i = 0; i < messages.length; i++) {
            List<String> logged = logs.getOrDefault(id + "/" + messages[i].id(), List.of());
            List<String> sent = EventTrafficPlan.actions(i);
            if (!logged.equals(sent)) {
                missing.add("guild " + id + ": message " + messages[i].id() + " logged " + logged + ", sent "
                        + sent);
            }
        }
        List<BotPost> board = emulator.botPosts(starboard);
        int posts = 0;
        for (int s = 0; s < EventTrafficPlan.STARRED.length; s++) {
            MessageRef starred = messages[EventTrafficPlan.STARRED[s]];
            long left = EventTrafficPlan.FINAL_STARS[s];
            long rows = stars.getOrDefault(id + "/" + starred.id(), 0L);
            if (rows != left) {
                missing.add("guild " + id + ": message " + starred.id() + " has " + rows + " stars, " + left
                        + " left on it");
            }
            List<BotPost> its = board.stream()
                    .filter(post -> post.content().contains("/" + starred.id())).toList();
            posts += its.size();
            int expected = EventTrafficPlan.POSTED[s] ? 1 : 0;
            if (its.size() != expected) {
                missing.add("guild " + id + ": message " + starred.id() + " has " + its.size()
                        + " starboard posts, expected " + expected + ": " + its);
            } else if (expected == 1 && !its.get(0).content().startsWith("⭐ **" + left + "** in <#")) {
                missing.add("guild " + id + ": starboard post of " + starred.id() + " shows '"
                        + its.get(0).content().split("\n")[0] + "', " + left + " stars left");
            }
        }
        if (posts != board.size()) {
            missing.add("guild " + id + ": " + (board.size() - posts) + " starboard posts of no starred message");
        }
        long told = EventTrafficPlan.steps().stream().filter(step -> step.kind() == EventTrafficPlan.Kind.EDIT
                || step.kind() == EventTrafficPlan.Kind.DELETE).count();
        int lines = emulator.botPosts(modlog).size();
        if (lines != told) {
            missing.add("guild " + id + ": " + lines + " modlog lines, " + told + " edits and deletes sent");
        }
    }
}

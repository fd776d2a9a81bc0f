package io.guildflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.event.ReactionCount;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.recording.BotPost;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.eclipse.jetty.util.Fields;

/**
 * The {@code /_emulator} routes for gateway events, for a person or a script driving an emulator by hand (listed in
 * {@link ControlHandler}). Each answers the ids it made; unknown ids throw {@link NoSuchElementException} (404).
 */
final class EventControls {
    private final DiscordEmulator emulator;

    EventControls(DiscordEmulator emulator) {
        this.emulator = emulator;
    }

    /** True for the paths (below {@code /_emulator/}) these routes own. */
    static boolean owns(String action) {
        return action.equals("messages") || action.startsWith("messages/") || action.equals("posts")
                || action.matches("guilds/[^/]+/(members|bans|channels|roles)(/.*)?");
    }

    /** The answer, or null when no route matches the method and path. */
    JsonNode handle(String method, String action, Fields query, String body) {
        String[] p = action.split("/");
        return switch (method + " " + shape(p)) {
            case "POST messages" -> message(query, body);
            case "POST messages/bulk-delete" -> bulkDelete(query);
            case "PATCH messages/*" -> ref(emulator.editMessage(p[1], content(body)));
            case "DELETE messages/*" -> {
                emulator.deleteMessage(p[1]);
                yield Json.object().put("id", p[1]).put("deleted", true);
            }
            case "PUT messages/*/reactions/*" -> reaction(emulator.addReaction(p[1], user(query), emoji(p[3])));
            case "DELETE messages/*/reactions/*" ->
                    reaction(emulator.removeReaction(p[1], user(query), emoji(p[3])));
            case "DELETE messages/*/reactions/*/all" -> Json.object().put("message_id", p[1])
                    .put("removed", emulator.removeEmojiReactions(p[1], emoji(p[3])));
            case "DELETE messages/*/reactions" -> Json.object().put("message_id", p[1])
                    .put("removed", emulator.removeAllReactions(p[1]));
            case "GET posts" -> posts(query);
            case "POST guilds/*/members" -> joined(guild(p[1]), query);
            case "DELETE guilds/*/members/*" -> {
                emulator.memberLeave(guild(p[1]), knownUser(p[3]));
                yield Json.object().put("guild_id", p[1]).put("user_id", p[3]).put("left", true);
            }
            case "PUT guilds/*/bans/*" -> {
                emulator.ban(guild(p[1]), knownUser(p[3]));
                yield Json.object().put("guild_id", p[1]).put("user_id", p[3]).put("banned", true);
            }
            case "DELETE guilds/*/bans/*" -> {
                emulator.unban(guild(p[1]), knownUser(p[3]));
                yield Json.object().put("guild_id", p[1]).put("user_id", p[3]).put("banned", false);
            }
            case "POST guilds/*/channels" -> created(emulator.createChannel(guild(p[1]), required(query, "name"),
                    number(query, "type", 0)), query);
            case "POST guilds/*/roles" -> created(emulator.createRole(guild(p[1]), required(query, "name")), query);
            default -> null;
        };
    }

    /** The path with ids replaced by {@code *}: the first segment and the fixed words stay. */
    private static String shape(String[] p) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            boolean fixed = i == 0 || i == 2 || (i == 4 && p[i].equals("all")) || (i == 1 && p[i].equals("bulk-delete"));
            out.add(fixed ? p[i] : "*");
        }
        return String.join("/", out);
    }

    private JsonNode message(Fields query, String body) {
        String content = content(body);
        if ("true".equals(query.getValue("dm"))) {
            return ref(emulator.directMessage(user(query), content));
        }
        EmulatedGuild guild = emulator.guild(number(query, "guild", 0));
        String channel = query.getValue("channel");
        return ref(emulator.userMessage(guild, channel == null ? guild.textChannelId() : channel, user(query),
                content));
    }

    private JsonNode bulkDelete(Fields query) {
        List<String> ids = new ArrayList<>();
        for (String id : required(query, "ids").split(",")) {
            ids.add(id.trim());
        }
        // the channel is the first message's: the emulator refuses the request if the others are elsewhere
        String channel = emulator.message(ids.get(0)).path("channel_id").asText();
        emulator.bulkDeleteMessages(channel, ids);
        return Json.object().put("channel_id", channel).put("deleted", ids.size());
    }

    private JsonNode posts(Fields query) {
        String channel = query.getValue("channel");
        ArrayNode out = Json.array();
        for (BotPost post : channel == null ? emulator.botPosts() : emulator.botPosts(channel)) {
            out.addObject().put("id", post.id()).put("channel_id", post.channelId())
                    .put("content", post.content()).put("edits", post.edits()).put("deleted", post.deleted());
        }
        return out;
    }

    private JsonNode joined(EmulatedGuild guild, Fields query) {
        String name = query.getValue("name");
        GuildMember member = emulator.memberJoin(guild, name == null || name.isBlank() ? "new-member" : name);
        return Json.object().put("guild_id", guild.id()).put("user_id", member.user().id())
                .put("username", member.user().username()).put("joined_at", Payloads.timestamp(member.joinedAt()));
    }

    private static JsonNode created(String id, Fields query) {
        return Json.object().put("id", id).put("name", query.getValue("name"));
    }

    private static JsonNode ref(MessageRef ref) {
        ObjectNode o = Json.object().put("id", ref.id()).put("channel_id", ref.channelId());
        if (ref.guildId() != null) {
            o.put("guild_id", ref.guildId());
        }
        return o.put("author_id", ref.authorId());
    }

    private static JsonNode reaction(ReactionCount r) {
        return Json.object().put("message_id", r.messageId()).put("emoji", r.emoji().name())
                .put("count", r.count()).put("changed", r.changed());
    }

    /** A member of the guild {@code guild} (index, default 0) by index {@code user} (default 0). */
    private EmulatedUser user(Fields query) {
        return emulator.guild(number(query, "guild", 0)).members().get(number(query, "user", 0));
    }

    private EmulatedUser knownUser(String id) {
        return emulator.users().stream().filter(u -> u.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("unknown user " + id));
    }

    private EmulatedGuild guild(String id) {
        return emulator.guilds().stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("the bot is not in guild " + id));
    }

    private static Emoji emoji(String segment) {
        return Emoji.parse(segment.contains("%") ? URLDecoder.decode(segment, StandardCharsets.UTF_8) : segment);
    }

    private static String content(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("the body is the message's content, e.g. --data 'hello'");
        }
        return body;
    }

    private static String required(Fields query, String name) {
        String value = query.getValue(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static int number(Fields query, String name, int fallback) {
        String value = query.getValue(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}

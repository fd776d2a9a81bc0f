package io.guildflow.testkit.interaction;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.CommandStore;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.Snowflakes;
import io.guildflow.testkit.model.World;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds INTERACTION_CREATE payloads in Discord's documented shapes and registers their state. */
public final class InteractionFactory {
    /** Where an interaction happens: a guild (and one of its channels) or the bot's DM with the user. */
    public record Place(GuildState guild, long channelId) {
        public static Place dm() {
            return new Place(null, 0);
        }
    }

    /** The payload to dispatch and the registered state. */
    public record Built(ObjectNode payload, InteractionState state) {}

    private final World world;
    private final InteractionRegistry registry;
    private final Clock clock;
    private final int recommendedShards;

    public InteractionFactory(World world, InteractionRegistry registry, Clock clock, int recommendedShards) {
        this.world = world;
        this.registry = registry;
        this.clock = clock;
        this.recommendedShards = recommendedShards;
    }

    /**
     * A slash command as Discord's client sends it: refused (IllegalArgumentException, nothing dispatched) when a
     * required option is missing or a value does not fit its declared option ({@link OptionCheck}).
     */
    public Built command(Place place, EmulatedUser user, String fullName, Map<String, ?> options) {
        CommandStore.Resolved command = resolve(place, fullName.trim().split("\\s+")[0], 1);
        Map<String, ?> typed = command.optionsStated()
                ? OptionCheck.command(command.command(), fullName, options, this::knownUser) : options;
        ObjectNode data = commandData(command, fullName.trim().split("\\s+")[0], 1);
        OptionEncoder.encode(data, fullName, typed, null, guildId(place), world.joinedAt());
        return build(place, user, 2, data, fullName, null);
    }

    /** Refused like {@link #command} when the focused option is not declared with autocomplete. */
    public Built autocomplete(
            Place place, EmulatedUser user, String fullName, String focused, String partial, Map<String, ?> other) {
        CommandStore.Resolved command = resolve(place, fullName.trim().split("\\s+")[0], 1);
        if (command.optionsStated()) {
            OptionCheck.autocomplete(command.command(), fullName, focused, other);
        }
        ObjectNode data = commandData(command, fullName.trim().split("\\s+")[0], 1);
        Map<String, Object> all = new java.util.LinkedHashMap<>(other);
        all.put(focused, partial);
        OptionEncoder.encode(data, fullName, all, focused, guildId(place), world.joinedAt());
        return build(place, user, 4, data, fullName, null);
    }

    public Built userCommand(Place place, EmulatedUser user, String name, EmulatedUser target) {
        ObjectNode data = commandData(resolve(place, name, 2), name, 2);
        data.put("name", name);
        data.put("target_id", target.id());
        OptionEncoder.resolveUser(data.putObject("resolved"), target, guildId(place), world.joinedAt());
        return build(place, user, 2, data, name, null);
    }

    public Built messageCommand(Place place, EmulatedUser user, String name, ObjectNode targetMessage) {
        ObjectNode data = commandData(resolve(place, name, 3), name, 3);
        data.put("name", name);
        data.put("target_id", targetMessage.path("id").asText());
        data.putObject("resolved").putObject("messages").set(targetMessage.path("id").asText(), targetMessage);
        return build(place, user, 2, data, name, null);
    }

    /**
     * Button (component_type 2) or string select (component_type 3, with values) on {@code message}, as Discord's
     * client sends it: refused (IllegalArgumentException, nothing dispatched) when the message shows no such
     * component or the values are not a choice its select allows ({@link ComponentCheck}).
     */
    public Built component(
            Place place, EmulatedUser user, ObjectNode message, int componentType, String customId, List<String> values) {
        synchronized (message) {
            ComponentCheck.click(message, componentType, customId, values);
        }
        ObjectNode data = Json.object();
        data.put("component_type", componentType);
        data.put("custom_id", customId);
        if (componentType != 2) {
            ArrayNode v = data.putArray("values");
            values.forEach(v::add);
        }
        return build(place, user, 3, data, customId, message);
    }

    /** Modal submit: each entry becomes a label holding a text input with that custom_id and value. */
    public Built modalSubmit(Place place, EmulatedUser user, String customId, Map<String, String> fields) {
        ObjectNode data = Json.object();
        data.put("custom_id", customId);
        ArrayNode components = data.putArray("components");
        int uid = 1;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            ObjectNode label = components.addObject();
            label.put("type", 18);
            label.put("id", uid++);
            ObjectNode input = label.putObject("component");
            input.put("type", 4);
            input.put("id", uid++);
            input.put("custom_id", e.getKey());
            input.put("value", e.getValue());
        }
        return build(place, user, 5, data, customId, null);
    }

    /**
     * An interaction of any type with {@code data} as given, e.g. one Discord may add later: the fields every
     * interaction has around it, nothing registered needed. Named {@code type-N} in the records.
     */
    public Built ofType(Place place, EmulatedUser user, int type, ObjectNode data) {
        return build(place, user, type, data, "type-" + type, null);
    }

    /** A bot message in the place's channel carrying one action row with the given components; stored. */
    public ObjectNode botMessage(Place place, EmulatedUser user, String content, ArrayNode rowComponents) {
        long channelId = channelId(place, user);
        ObjectNode body = Json.object();
        body.put("content", content);
        ObjectNode row = body.putArray("components").addObject();
        row.put("type", 1);
        row.put("id", 1);
        row.set("components", rowComponents);
        long id = world.ids().next();
        ObjectNode msg = Payloads.message(id, channelId, guildId(place), world.bot(), body, clock.instant(), null);
        world.messages().add(channelId, id, msg);
        return msg;
    }

    /** Discord dispatches only commands registered where the user invokes them; anything else is a test bug. */
    private CommandStore.Resolved resolve(Place place, String name, int type) {
        Long guildId = guildId(place);
        return world.commands().resolve(guildId, name, type).orElseThrow(() ->
                new IllegalStateException(describe(type) + " '" + name + "' is not registered "
                        + (guildId == null ? "globally for DMs (guild commands never reach DMs)"
                                : "in guild " + Json.id(guildId) + " or globally")
                        + ": Discord only dispatches registered commands. Register it first, e.g."
                        + " DiscordEmulator.builder().commands(\"" + name + "\"), emu.registerGlobalCommand(...),"
                        + " or the bot's own PUT /applications/{id}/commands"));
    }

    private static ObjectNode commandData(CommandStore.Resolved command, String name, int type) {
        ObjectNode data = Json.object();
        data.put("id", Json.id(command.id()));
        data.put("name", name);
        data.put("type", type);
        if (command.scope() != 0) {
            data.put("guild_id", Json.id(command.scope()));
        }
        return data;
    }

    /** A user a person names by id or username (a USER option given as text on the by-hand routes). */
    private java.util.Optional<EmulatedUser> knownUser(String idOrName) {
        return world.users().stream()
                .filter(u -> u.id().equals(idOrName) || u.username().equals(idOrName)).findFirst();
    }

    private static String describe(int type) {
        return switch (type) {
            case 2 -> "user command";
            case 3 -> "message command";
            default -> "slash command";
        };
    }

    private Built build(Place place, EmulatedUser user, int type, ObjectNode data, String name, ObjectNode message) {
        long id = world.ids().next();
        String token = InteractionRegistry.newToken(id);
        Instant now = clock.instant();
        GuildState guild = place.guild();
        long channelId = channelId(place, user);
        ObjectNode p = Json.object();
        p.put("id", Json.id(id));
        p.put("application_id", world.bot().id());
        p.put("type", type);
        p.set("data", data);
        p.put("token", token);
        p.put("version", 1);
        p.put("locale", "en-US");
        p.put("app_permissions", Payloads.ALL_PERMISSIONS);
        p.putArray("entitlements");
        p.put("attachment_size_limit", 10_485_760);
        p.put("channel_id", Json.id(channelId));
        if (guild != null) {
            p.put("guild_id", guild.idString());
            p.put("guild_locale", "en-US");
            ObjectNode g = p.putObject("guild");
            g.put("id", guild.idString());
            g.put("locale", "en-US");
            g.putArray("features");
            ObjectNode channel = guild.channel(channelId).orElseThrow().deepCopy();
            channel.put("permissions", Payloads.ALL_PERMISSIONS);
            p.set("channel", channel);
            // the member as the guild knows them now: roles and nickname a test gave, a rejoin's joined_at
            ObjectNode member = Payloads.member(world.memberView(guild, user));
            member.put("permissions", Payloads.ALL_PERMISSIONS);
            p.set("member", member);
            p.put("context", 0);
            p.putObject("authorizing_integration_owners").put("0", guild.idString());
        } else {
            p.set("channel", Payloads.dmChannel(channelId, user));
            p.set("user", Payloads.user(user));
            p.put("context", 1);
            p.putObject("authorizing_integration_owners").put("0", "0");
        }
        if (message != null) {
            synchronized (message) {
                p.set("message", message.deepCopy());
            }
        }
        int shard = guild == null ? 0 : Snowflakes.shardOf(guild.id(), recommendedShards);
        InteractionState state = new InteractionState(
                id, token, type, name, guild == null ? null : guild.id(), channelId, user.snowflake(), shard, now, message);
        registry.add(state);
        return new Built(p, state);
    }

    private long channelId(Place place, EmulatedUser user) {
        if (place.guild() == null) {
            return world.dmChannel(user);
        }
        return place.channelId() != 0 ? place.channelId() : place.guild().firstTextChannelId();
    }

    private static Long guildId(Place place) {
        return place.guild() == null ? null : place.guild().id();
    }
}

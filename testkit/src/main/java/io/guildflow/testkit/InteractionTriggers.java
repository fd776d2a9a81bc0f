package io.guildflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.interaction.InteractionFactory;
import io.guildflow.testkit.interaction.InteractionFactory.Built;
import io.guildflow.testkit.interaction.InteractionFactory.Place;
import io.guildflow.testkit.interaction.InteractionState;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.Snowflakes;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testkit.validation.Validation;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Dispatches INTERACTION_CREATE events in Discord's documented shapes. Command names may contain subcommands:
 * {@code "admin roles add"} is command {@code admin}, group {@code roles}, subcommand {@code add}; options go to the
 * innermost. Like Discord, only registered commands are dispatched: a trigger for a command not registered where
 * the user invokes it throws IllegalStateException (register with {@link #registerGlobalCommand},
 * {@link #registerGuildCommand} or {@code DiscordEmulatorBuilder.commands}). Option values: String, Integer/Long, Boolean, Double, {@link EmulatedUser}, or
 * {@link io.guildflow.testkit.interaction.CommandOption}.
 */
public abstract class InteractionTriggers {
    final EmulatorCore core;

    InteractionTriggers(EmulatorCore core) {
        this.core = core;
    }

    // ---- registered commands: Discord dispatches nothing else ----

    /**
     * Registers a global slash command by name (as the bot's own POST would); returns the stored command. Its
     * options are not stated, so the options a test sends it are not checked (register the JSON to have them checked).
     */
    public JsonNode registerGlobalCommand(String name) {
        return register(null, chatInput(name), false);
    }

    /** Registers a global command of a type: 1 slash, 2 user (context menu), 3 message (context menu). */
    public JsonNode registerGlobalCommand(String name, int type) {
        return register(null, type == 1 ? chatInput(name) : Json.object().put("name", name).put("type", type), false);
    }

    /** Registers a slash command in one guild only, by name like {@link #registerGlobalCommand(String)}. */
    public JsonNode registerGuildCommand(EmulatedGuild guild, String name) {
        return register(guildState(guild).id(), chatInput(name), false);
    }

    /**
     * Registers a command given as Discord's JSON (guildId null: global). Refused like Discord refuses it: an
     * IllegalArgumentException carrying the 50035 body. Triggers must then fit its options, as on Discord.
     */
    public JsonNode registerCommand(String guildId, JsonNode command) {
        return register(guildId == null ? null : Snowflakes.parse(guildId), command, true);
    }

    private JsonNode register(Long guildId, JsonNode command, boolean optionsStated) {
        ObjectNode invalid = Validation.command(command);
        if (invalid != null) {
            throw new IllegalArgumentException("Discord would refuse this command: " + Json.write(invalid));
        }
        long scope = guildId == null ? 0 : guildId;
        return (optionsStated ? core.world().commands().upsert(scope, command)
                : core.world().commands().upsertNameOnly(scope, command)).command();
    }

    private static ObjectNode chatInput(String name) {
        return Json.object().put("name", name).put("type", 1).put("description", "/" + name);
    }

    public DispatchedInteraction slashCommand(EmulatedGuild guild, EmulatedUser user, String name, Map<String, ?> opts) {
        return fire(core.factory().command(place(guild), user, name, opts));
    }

    /** Slash command in a given channel of the guild. */
    public DispatchedInteraction slashCommand(
            EmulatedGuild guild, String channelId, EmulatedUser user, String name, Map<String, ?> opts) {
        return fire(core.factory().command(new Place(guildState(guild), Snowflakes.parse(channelId)), user, name,
                opts));
    }

    public DispatchedInteraction dmSlashCommand(EmulatedUser user, String name, Map<String, ?> opts) {
        return fire(core.factory().command(Place.dm(), user, name, opts));
    }

    public DispatchedInteraction autocomplete(
            EmulatedGuild guild, EmulatedUser user, String command, String focusedOption, String partialValue) {
        return autocomplete(guild, user, command, focusedOption, partialValue, Map.of());
    }

    public DispatchedInteraction autocomplete(EmulatedGuild guild, EmulatedUser user, String command,
            String focusedOption, String partialValue, Map<String, ?> otherOptions) {
        return fire(core.factory().autocomplete(place(guild), user, command, focusedOption, partialValue,
                otherOptions));
    }

    public DispatchedInteraction dmAutocomplete(
            EmulatedUser user, String command, String focusedOption, String partialValue) {
        return fire(core.factory().autocomplete(Place.dm(), user, command, focusedOption, partialValue, Map.of()));
    }

    /** User context menu command on {@code target}. */
    public DispatchedInteraction userCommand(EmulatedGuild guild, EmulatedUser user, String name, EmulatedUser target) {
        return fire(core.factory().userCommand(place(guild), user, name, target));
    }

    public DispatchedInteraction dmUserCommand(EmulatedUser user, String name, EmulatedUser target) {
        return fire(core.factory().userCommand(Place.dm(), user, name, target));
    }

    /** Message context menu command on a stored message (see {@code postUserMessage}, channel messages). */
    public DispatchedInteraction messageCommand(EmulatedGuild guild, EmulatedUser user, String name, String messageId) {
        return fire(core.factory().messageCommand(place(guild), user, name, storedMessage(messageId)));
    }

    /** Message context menu command on a fresh message written by {@code user} in the guild's text channel. */
    public DispatchedInteraction messageCommand(EmulatedGuild guild, EmulatedUser user, String name) {
        GuildState g = guildState(guild);
        long id = core.world().ids().next();
        ObjectNode msg = Payloads.message(id, g.firstTextChannelId(), g.id(), user,
                Json.object().put("content", "a message by " + user.username()), clock().instant(), null);
        core.world().messages().add(g.firstTextChannelId(), id, msg);
        return fire(core.factory().messageCommand(place(guild), user, name, msg.deepCopy()));
    }

    /** Button click on a fresh bot message carrying that button. */
    public DispatchedInteraction button(EmulatedGuild guild, EmulatedUser user, String customId) {
        ObjectNode msg = core.factory().botMessage(place(guild), user, "Click", buttonRow(customId));
        return fire(core.factory().component(place(guild), user, msg, 2, customId, List.of()));
    }

    /**
     * Button click on a stored message: one in a channel, or an answer the bot gave an interaction (ephemeral ones
     * included). Refused (IllegalArgumentException) when the message shows no button with that custom_id.
     */
    public DispatchedInteraction button(EmulatedGuild guild, EmulatedUser user, String messageId, String customId) {
        return fire(core.factory().component(place(guild), user, clickedMessage(messageId), 2, customId, List.of()));
    }

    /**
     * A button click on a stored message, made now and dispatched when the test calls
     * {@link PreparedInteraction#dispatch()}: clicks made in one order can reach the bot in another.
     */
    public PreparedInteraction prepareButton(
            EmulatedGuild guild, EmulatedUser user, String messageId, String customId) {
        Built built = core.factory().component(place(guild), user, clickedMessage(messageId), 2, customId, List.of());
        return new PreparedInteraction(Json.id(built.state().id()), () -> fire(built));
    }

    public DispatchedInteraction dmButton(EmulatedUser user, String customId) {
        ObjectNode msg = core.factory().botMessage(Place.dm(), user, "Click", buttonRow(customId));
        return fire(core.factory().component(Place.dm(), user, msg, 2, customId, List.of()));
    }

    /** String select with the chosen {@code values}, on a fresh bot message carrying that menu. */
    public DispatchedInteraction selectMenu(
            EmulatedGuild guild, EmulatedUser user, String customId, List<String> values) {
        ObjectNode msg = core.factory().botMessage(place(guild), user, "Choose", selectRow(customId, values));
        return fire(core.factory().component(place(guild), user, msg, 3, customId, values));
    }

    public DispatchedInteraction selectMenu(
            EmulatedGuild guild, EmulatedUser user, String messageId, String customId, List<String> values) {
        return fire(core.factory().component(place(guild), user, clickedMessage(messageId), 3, customId, values));
    }

    /** Modal submit; {@code fields} maps text input custom_id to the value typed. */
    public DispatchedInteraction modalSubmit(
            EmulatedGuild guild, EmulatedUser user, String customId, Map<String, String> fields) {
        return fire(core.factory().modalSubmit(place(guild), user, customId, fields));
    }

    public DispatchedInteraction dmModalSubmit(EmulatedUser user, String customId, Map<String, String> fields) {
        return fire(core.factory().modalSubmit(Place.dm(), user, customId, fields));
    }

    /**
     * An INTERACTION_CREATE of any {@code type} (e.g. 99, a type Discord may add later) around {@code data}, for
     * testing how a bot copes with what it does not know. The emulator accepts no callback for a type outside
     * Discord's documented ones (400/50035), as it cannot know which Discord would.
     */
    public DispatchedInteraction interactionOfType(EmulatedGuild guild, EmulatedUser user, int type, ObjectNode data) {
        return fire(core.factory().ofType(place(guild), user, type, data.deepCopy()));
    }

    abstract java.time.Clock clock();

    private DispatchedInteraction fire(Built built) {
        InteractionState s = built.state();
        InteractionRecord r = s.snapshot();
        int reached = core.hub().dispatch(s.guildId(), "INTERACTION_CREATE", built.payload());
        return new DispatchedInteraction(r.id(), s.token(), r.guildId(), r.channelId(), r.userId(),
                r.interactionType(), r.name(), s.dispatchedAt(), reached);
    }

    private Place place(EmulatedGuild guild) {
        return new Place(guildState(guild), 0);
    }

    GuildState guildState(EmulatedGuild guild) {
        return core.world().guild(Snowflakes.parse(guild.id()))
                .orElseThrow(() -> new NoSuchElementException("unknown guild " + guild.id()));
    }

    private ObjectNode storedMessage(String messageId) {
        return core.world().messages().get(Snowflakes.parse(messageId))
                .orElseThrow(() -> new NoSuchElementException("no stored message " + messageId));
    }

    /** A message of a channel, or an answer the bot gave an interaction: an ephemeral one is clickable too. */
    private ObjectNode clickedMessage(String messageId) {
        return core.world().messages().get(Snowflakes.parse(messageId))
                .or(() -> core.registry().answerMessage(messageId))
                .orElseThrow(() -> new NoSuchElementException("no stored message " + messageId));
    }

    private static ArrayNode buttonRow(String customId) {
        ArrayNode row = Json.array();
        ObjectNode b = row.addObject();
        b.put("type", 2);
        b.put("id", 2);
        b.put("style", 1);
        b.put("label", customId);
        b.put("custom_id", customId);
        b.put("disabled", false);
        return row;
    }

    private static ArrayNode selectRow(String customId, List<String> values) {
        ArrayNode row = Json.array();
        ObjectNode s = row.addObject();
        s.put("type", 3);
        s.put("id", 2);
        s.put("custom_id", customId);
        s.put("min_values", 1);
        s.put("max_values", Math.max(1, values.size()));
        s.put("disabled", false);
        ArrayNode options = s.putArray("options");
        for (String v : values) {
            options.addObject().put("label", v).put("value", v).put("default", false);
        }
        return row;
    }
}

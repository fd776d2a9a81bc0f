package io.guildflow.api.event;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A gateway dispatch Guildflow gives a typed view: its name as Discord sends it, how its {@code d} object is read,
 * and the intents under which Discord sends it (the gateway asks for all of them when a handler takes the type).
 * For any other dispatch, use a {@link RawEventHandler}.
 *
 * @param <E> the view handlers of this type receive
 */
public final class EventType<E> {
    private static final Set<Intent> MESSAGES = Set.of(Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES);
    private static final Set<Intent> REACTIONS = Set.of(Intent.GUILD_MESSAGE_REACTIONS, Intent.DIRECT_MESSAGE_REACTIONS);
    private static final Set<Intent> GUILDS = Set.of(Intent.GUILDS);
    private static final Set<Intent> MEMBERS = Set.of(Intent.GUILD_MEMBERS);

    public static final EventType<MessageEvent> MESSAGE_CREATE = of("MESSAGE_CREATE", MessageEvent::new, MESSAGES);
    public static final EventType<MessageEvent> MESSAGE_UPDATE = of("MESSAGE_UPDATE", MessageEvent::new, MESSAGES);
    public static final EventType<MessageDeleteEvent> MESSAGE_DELETE =
            of("MESSAGE_DELETE", MessageDeleteEvent::new, MESSAGES);
    public static final EventType<MessageBulkDeleteEvent> MESSAGE_DELETE_BULK =
            of("MESSAGE_DELETE_BULK", MessageBulkDeleteEvent::new, Set.of(Intent.GUILD_MESSAGES));
    public static final EventType<ReactionEvent> MESSAGE_REACTION_ADD =
            of("MESSAGE_REACTION_ADD", ReactionEvent::new, REACTIONS);
    public static final EventType<ReactionEvent> MESSAGE_REACTION_REMOVE =
            of("MESSAGE_REACTION_REMOVE", ReactionEvent::new, REACTIONS);
    public static final EventType<ReactionClearEvent> MESSAGE_REACTION_REMOVE_ALL =
            of("MESSAGE_REACTION_REMOVE_ALL", ReactionClearEvent::new, REACTIONS);
    public static final EventType<ReactionClearEvent> MESSAGE_REACTION_REMOVE_EMOJI =
            of("MESSAGE_REACTION_REMOVE_EMOJI", ReactionClearEvent::new, REACTIONS);
    public static final EventType<MemberEvent> GUILD_MEMBER_ADD = of("GUILD_MEMBER_ADD", MemberEvent::new, MEMBERS);
    public static final EventType<MemberEvent> GUILD_MEMBER_UPDATE = of("GUILD_MEMBER_UPDATE", MemberEvent::new, MEMBERS);
    public static final EventType<MemberEvent> GUILD_MEMBER_REMOVE = of("GUILD_MEMBER_REMOVE", MemberEvent::new, MEMBERS);
    public static final EventType<GuildUpdateEvent> GUILD_UPDATE = of("GUILD_UPDATE", GuildUpdateEvent::new, GUILDS);
    public static final EventType<ChannelEvent> CHANNEL_CREATE = of("CHANNEL_CREATE", ChannelEvent::new, GUILDS);
    public static final EventType<ChannelEvent> CHANNEL_UPDATE = of("CHANNEL_UPDATE", ChannelEvent::new, GUILDS);
    public static final EventType<ChannelEvent> CHANNEL_DELETE = of("CHANNEL_DELETE", ChannelEvent::new, GUILDS);
    public static final EventType<RoleEvent> GUILD_ROLE_CREATE = of("GUILD_ROLE_CREATE", RoleEvent::new, GUILDS);
    public static final EventType<RoleEvent> GUILD_ROLE_UPDATE = of("GUILD_ROLE_UPDATE", RoleEvent::new, GUILDS);
    public static final EventType<RoleEvent> GUILD_ROLE_DELETE = of("GUILD_ROLE_DELETE", RoleEvent::new, GUILDS);
    public static final EventType<ChannelEvent> THREAD_CREATE = of("THREAD_CREATE", ChannelEvent::new, GUILDS);
    public static final EventType<ChannelEvent> THREAD_UPDATE = of("THREAD_UPDATE", ChannelEvent::new, GUILDS);
    public static final EventType<ChannelEvent> THREAD_DELETE = of("THREAD_DELETE", ChannelEvent::new, GUILDS);
    public static final EventType<BanEvent> GUILD_BAN_ADD =
            of("GUILD_BAN_ADD", BanEvent::new, Set.of(Intent.GUILD_MODERATION));
    public static final EventType<BanEvent> GUILD_BAN_REMOVE =
            of("GUILD_BAN_REMOVE", BanEvent::new, Set.of(Intent.GUILD_MODERATION));
    public static final EventType<VoiceStateEvent> VOICE_STATE_UPDATE =
            of("VOICE_STATE_UPDATE", VoiceStateEvent::new, Set.of(Intent.GUILD_VOICE_STATES));
    public static final EventType<AutoModerationEvent> AUTO_MODERATION_ACTION_EXECUTION =
            of("AUTO_MODERATION_ACTION_EXECUTION", AutoModerationEvent::new, Set.of(Intent.AUTO_MODERATION_EXECUTION));

    private static final List<EventType<?>> ALL = List.of(MESSAGE_CREATE, MESSAGE_UPDATE, MESSAGE_DELETE,
            MESSAGE_DELETE_BULK, MESSAGE_REACTION_ADD, MESSAGE_REACTION_REMOVE, MESSAGE_REACTION_REMOVE_ALL,
            MESSAGE_REACTION_REMOVE_EMOJI, GUILD_MEMBER_ADD, GUILD_MEMBER_UPDATE, GUILD_MEMBER_REMOVE, GUILD_UPDATE,
            CHANNEL_CREATE, CHANNEL_UPDATE, CHANNEL_DELETE, GUILD_ROLE_CREATE, GUILD_ROLE_UPDATE, GUILD_ROLE_DELETE,
            THREAD_CREATE, THREAD_UPDATE, THREAD_DELETE, GUILD_BAN_ADD, GUILD_BAN_REMOVE, VOICE_STATE_UPDATE,
            AUTO_MODERATION_ACTION_EXECUTION);

    private final String name;
    private final Function<JsonView, E> view;
    private final Set<Intent> intents;

    private EventType(String name, Function<JsonView, E> view, Set<Intent> intents) {
        this.name = name;
        this.view = view;
        this.intents = Set.copyOf(intents);
    }

    private static <E> EventType<E> of(String name, Function<JsonView, E> view, Set<Intent> intents) {
        return new EventType<>(name, view, intents);
    }

    /** Every typed dispatch, in the order above. */
    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The typed dispatch of this name ({@code MESSAGE_CREATE}), if Guildflow has one. */
    public static Optional<EventType<?>> named(String dispatchName) {
        return ALL.stream().filter(type -> type.name.equals(dispatchName)).findFirst();
    }

    /** Discord's dispatch name, upper case ({@code MESSAGE_CREATE}). */
    public String name() {
        return name;
    }

    /** The intents under which Discord sends this dispatch (any one suffices; Guildflow asks for all). */
    public Set<Intent> intents() {
        return intents;
    }

    /** This type's view of a dispatch's {@code d} object. */
    public E view(JsonView data) {
        return view.apply(data);
    }

    @Override
    public String toString() {
        return name;
    }
}

package io.guildflow.gateway.events;

import io.guildflow.common.StartupException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.dv8tion.jda.api.requests.GatewayIntent;

/**
 * What the bot's event handlers want from Discord: the dispatch types the gateway forwards to the event stream and
 * the intents it identifies with. Computed from the loaded handlers in the app; the gateway requests exactly these
 * intents (JDA adds GUILDS, which the gateway needs for guild joins and removals).
 *
 * @param types   Discord dispatch names ({@code MESSAGE_CREATE}); the ones with a path of their own
 *                ({@link #OWN_PATHS}) are never forwarded here
 * @param intents Discord's intent names ({@code GUILD_MESSAGES}, {@code MESSAGE_CONTENT})
 */
public record ForwardedEvents(Set<String> types, Set<String> intents) {
    /** Interactions go through the interaction stream, guild joins and removals through lifecycle events. */
    public static final Set<String> OWN_PATHS = Set.of("INTERACTION_CREATE", "GUILD_CREATE", "GUILD_DELETE",
            "READY", "RESUMED");

    public ForwardedEvents {
        types = types.stream().map(t -> t.toUpperCase(Locale.ROOT)).filter(t -> !OWN_PATHS.contains(t))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        intents = Set.copyOf(intents);
    }

    /** No events: interactions and lifecycle only, no intents (the gateway before gateway events). */
    public static ForwardedEvents none() {
        return new ForwardedEvents(Set.of(), Set.of());
    }

    /**
     * The intents as JDA's, refusing a privileged one the operator did not enable: the app checks this first with
     * the handler's name; this is the gateway's own guard against identifying with it and being closed with 4014.
     */
    public EnumSet<GatewayIntent> gatewayIntents(EventSettings settings) {
        EnumSet<GatewayIntent> result = EnumSet.noneOf(GatewayIntent.class);
        Set<String> missing = new TreeSet<>();
        for (String name : intents) {
            GatewayIntent intent;
            try {
                intent = GatewayIntent.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new StartupException("unknown gateway intent " + name + " asked for by the event handlers", e);
            }
            if (EventSettings.PRIVILEGED.contains(intent.name())
                    && !settings.privilegedIntents().contains(intent.name())) {
                missing.add(intent.name());
            }
            result.add(intent);
        }
        if (!missing.isEmpty()) {
            throw new StartupException("the event handlers need privileged intent(s) " + String.join(",", missing)
                    + " not enabled in DISCORD_PRIVILEGED_INTENTS (" + settings.describeIntents()
                    + "): enable them in Discord's Developer Portal and in DISCORD_PRIVILEGED_INTENTS", null);
        }
        return result;
    }
}

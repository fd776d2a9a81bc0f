package io.guildflow.gateway.events;

import io.guildflow.common.StartupException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.CloseCode;

/**
 * Discord closes a session asking for intents the application may not use with 4014, or for intents that do not
 * exist with 4013. JDA does not reconnect after either; this turns the first of them into one line for the
 * operator (exit code 2: a setting is wrong) instead of a gateway that stays up with no shard.
 */
public final class IntentRefusals implements EventListener {
    private final String requested;
    private final Consumer<StartupException> onRefused;
    private final AtomicBoolean told = new AtomicBoolean();

    /**
     * @param requested the intents the gateway identified with, for the message
     * @param onRefused told once; the app stops the process with the exception's exit code
     */
    public IntentRefusals(Set<String> requested, Consumer<StartupException> onRefused) {
        this.requested = requested.isEmpty() ? "none" : String.join(",", new java.util.TreeSet<>(requested));
        this.onRefused = onRefused;
    }

    @Override
    public void onEvent(GenericEvent event) {
        if (event instanceof ShutdownEvent shutdown) {
            CloseCode code = shutdown.getCloseCode();
            if ((code == CloseCode.DISALLOWED_INTENTS || code == CloseCode.INVALID_INTENTS) && told.compareAndSet(false, true)) {
                onRefused.accept(new StartupException(message(code, shutdown.getJDA().getShardInfo().getShardId()), null));
            }
        }
    }

    String message(CloseCode code, int shard) {
        return code == CloseCode.DISALLOWED_INTENTS
                ? "Discord closed shard " + shard + " with 4014 (disallowed intents): the application may not use a"
                + " privileged intent among " + requested + "; enable it in Discord's Developer Portal, or remove it"
                + " from DISCORD_PRIVILEGED_INTENTS and the handlers needing it"
                : "Discord closed shard " + shard + " with 4013 (invalid intents " + requested + ")";
    }
}

package io.guildflow.example.events;

import io.guildflow.api.AllowedMentions;
import io.guildflow.api.Message;
import io.guildflow.api.User;
import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.MemberEvent;
import java.util.Optional;

/**
 * Welcomes a member who joins, in the guild's {@code welcome_channel} (set with {@code /config set}), else in the
 * bot's own channel that {@code setup --channel} created ({@code channel}); nowhere when neither is set.
 * {@code welcome_message} may replace the text, {@code {user}} standing for the mention. A join is exactly once (keyed
 * by member and join time), and the post goes through the outbox, so each membership is welcomed once.
 */
public final class WelcomeMember implements EventHandler<MemberEvent> {
    static final String DEFAULT_TEXT = "Welcome to the server, {user}!";

    @Override
    public EventType<MemberEvent> type() {
        return EventType.GUILD_MEMBER_ADD;
    }

    @Override
    public void handle(MemberEvent event, EventContext context) {
        Optional<String> channel = context.guildConfig().get("welcome_channel")
                .or(() -> context.guildConfig().get("channel"));
        // Bots are added by admins, not greeted.
        if (channel.isEmpty() || event.json().object("user").bool("bot").orElse(false)) {
            return;
        }
        User user = event.user();
        String text = context.guildConfig().get("welcome_message").orElse(DEFAULT_TEXT)
                .replace("{user}", user.mention());
        // Pings the newcomer only, whatever the configured text mentions.
        context.discord().postMessage(channel.get(),
                Message.text(text).withAllowedMentions(AllowedMentions.users(user.id())));
    }
}

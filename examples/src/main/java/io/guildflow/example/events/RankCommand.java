package io.guildflow.example.events;

import io.guildflow.api.AllowedMentions;
import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Message;
import io.guildflow.api.OptionDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** {@code /rank [member]}: how many messages a member wrote in this guild and where that places them. */
public final class RankCommand implements SlashCommand {
    private static final CommandDefinition DEFINITION = CommandDefinition.of("rank",
            "Messages written here and your rank",
            OptionDefinition.user("member", "whose rank (you when left out)", false));

    @Override
    public CommandDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Response handle(CommandContext context) throws Exception {
        if (context.guildId().isEmpty()) {
            return Response.ephemeral("Ranks are kept per server; use /rank in one.");
        }
        String userId = context.options().id("member").orElse(context.user().id());
        String mention = "<@" + userId + ">";
        // Ties share a rank: one plus the members with strictly more messages.
        try (PreparedStatement rank = context.sql().prepareStatement("SELECT m.messages,"
                + " (SELECT count(*) FROM message_counts o"
                + "  WHERE o.guild_id = m.guild_id AND o.messages > m.messages) + 1,"
                + " (SELECT count(*) FROM message_counts o WHERE o.guild_id = m.guild_id)"
                + " FROM message_counts m WHERE m.guild_id = ? AND m.user_id = ?")) {
            rank.setString(1, context.guildId().get());
            rank.setString(2, userId);
            try (ResultSet row = rank.executeQuery()) {
                String text = !row.next() ? mention + " has not written anything here yet."
                        : mention + " has written **" + row.getLong(1) + "** message" + (row.getLong(1) == 1 ? "" : "s")
                        + " here: rank #" + row.getLong(2) + " of " + row.getLong(3) + ".";
                // Names the member without pinging them.
                return Response.reply(Message.text(text).withAllowedMentions(AllowedMentions.none()));
            }
        }
    }
}

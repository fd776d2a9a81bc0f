package io.guildflow.example;

import io.guildflow.api.AllowedMentions;
import io.guildflow.api.Message;
import io.guildflow.api.Response;
import io.guildflow.api.UserCommand;
import io.guildflow.api.UserCommandContext;

/** "Apps → High five" on a user: pings exactly that user, nobody else. */
public final class HighFiveCommand implements UserCommand {

    @Override
    public String name() {
        return "High five";
    }

    @Override
    public Response handle(UserCommandContext context) {
        String target = context.target().id();
        return Response.reply(Message.text(context.user().mention() + " high-fives <@" + target + ">")
                .withAllowedMentions(AllowedMentions.users(target)));
    }
}

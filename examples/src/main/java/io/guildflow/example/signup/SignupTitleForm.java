package io.guildflow.example.signup;

import io.guildflow.api.Acknowledgement;
import io.guildflow.api.ModalContext;
import io.guildflow.api.ModalHandler;
import io.guildflow.api.Response;
import java.util.Optional;

/** The "Edit title" form ({@code signup-title:<id>}): renames the signup and edits its message. */
public final class SignupTitleForm implements ModalHandler {

    /** Every answer is a message only the user sees. */
    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.ephemeralReply();
    }

    @Override
    public String prefix() {
        return Signups.TITLE_FORM;
    }

    @Override
    public Response handle(ModalContext context) throws Exception {
        String title = context.value("title").orElse("").strip();
        Optional<String> guild = context.guildId();
        if (guild.isEmpty() || title.isEmpty() || title.length() > 100) {
            return Response.ephemeral("A title has 1 to 100 characters.");
        }
        long id;
        try {
            id = Long.parseLong(context.state());
        } catch (NumberFormatException e) {
            return Response.ephemeral("This form is not a signup form.");
        }
        Optional<Signups.Signup> signup = Signups.lock(context.sql(), guild.get(), id);
        if (signup.isEmpty() || signup.get().closed()) {
            return Response.ephemeral("This signup is closed or gone.");
        }
        Signups.setTitle(context.sql(), guild.get(), id, title);
        Signups.Signup s = signup.get();
        context.discord().editPosted(s.postKey(), new Signups.Signup(s.guildId(), s.id(), s.channelId(), title,
                s.slots(), s.joined(), s.closesAt(), false, s.postKey()).message());
        return Response.ephemeral("Renamed to **" + title + "**.");
    }
}

package io.guildflow.example.signup;

import io.guildflow.api.ComponentContext;
import io.guildflow.api.ComponentHandler;
import io.guildflow.api.CustomId;
import io.guildflow.api.Modal;
import io.guildflow.api.Response;
import io.guildflow.api.TextInput;

/**
 * The "Edit title" button ({@code signup-edit:<id>}): opens the title form. A handler of its own because its
 * answer is a form, which Discord accepts only as the first response: it must not be deferred, while Join and
 * Leave ({@link SignupButtons}) are deferred the moment they arrive.
 */
public final class SignupTitleButton implements ComponentHandler {

    @Override
    public String prefix() {
        return Signups.TITLE_BUTTON;
    }

    @Override
    public Response handle(ComponentContext context) {
        try {
            long id = Long.parseLong(context.state());
            return Response.modal(Modal.of(CustomId.of(Signups.TITLE_FORM, Long.toString(id)), "Edit title",
                    TextInput.shortText("title", "New title")));
        } catch (NumberFormatException e) {
            return Response.ephemeral("This button is not a signup button.");
        }
    }
}

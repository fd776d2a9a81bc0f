package io.guildflow.example.signup;

import io.guildflow.api.Acknowledgement;
import io.guildflow.api.ComponentContext;
import io.guildflow.api.ComponentHandler;
import io.guildflow.api.Response;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Join and Leave under a signup message ({@code signup:join:<id>}, {@code signup:leave:<id>}): the busiest
 * buttons of the bot (a raid signup gets hundreds of clicks at once), so the gateway defers them the moment
 * they arrive, privately, and the answer edits that deferral.
 *
 * <p>Ordering: interaction ids are Discord snowflakes, ordered by the time Discord created them. The
 * member row keeps the id of the click that decided it, and an older click is ignored, so rapid
 * Join/Leave clicks end in the state of the later click whichever worker handles them in whatever
 * order. The signup row is locked first, so clicks on one signup apply one at a time and the message
 * edits queued in the outbox follow the same order.
 */
public final class SignupButtons implements ComponentHandler {

    /** Every answer to a click is a message only the clicker sees, acknowledged on arrival. */
    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.ephemeralReply().immediately();
    }

    @Override
    public String prefix() {
        return Signups.BUTTONS;
    }

    @Override
    public Response handle(ComponentContext context) throws Exception {
        String[] action = context.state().split(":", 2);
        Optional<String> guild = context.guildId();
        long id;
        try {
            id = Long.parseLong(action.length == 2 ? action[1] : "");
        } catch (NumberFormatException e) {
            return Response.ephemeral("This button is not a signup button.");
        }
        if (guild.isEmpty()) {
            return Response.ephemeral("Signups live in servers.");
        }
        Optional<Signups.Signup> signup = Signups.lock(context.sql(), guild.get(), id);
        if (signup.isEmpty()) {
            return Response.ephemeral("This signup no longer exists.");
        }
        return switch (action[0]) {
            case "join" -> click(context, signup.get(), true);
            case "leave" -> click(context, signup.get(), false);
            case "title" -> refreshButtons(context, signup.get());
            default -> Response.ephemeral("This button is not a signup button.");
        };
    }

    /**
     * An "Edit title" button of a message posted before it had a handler of its own ({@link SignupTitleButton}):
     * a form cannot follow the deferral this click already got, so the message gets today's buttons.
     */
    private static Response refreshButtons(ComponentContext context, Signups.Signup signup) {
        context.discord().editPosted(signup.postKey(), signup.message());
        return Response.ephemeral("This button was out of date and has been replaced: click **Edit title** again.");
    }

    private static Response click(ComponentContext context, Signups.Signup signup, boolean join) throws SQLException {
        String guildId = signup.guildId();
        String userId = context.user().id();
        long click = Long.parseUnsignedLong(context.interactionId());
        Optional<Signups.Member> member = Signups.member(context.sql(), guildId, signup.id(), userId);
        if (member.isPresent() && member.get().lastInteraction() > click) {
            return Response.ephemeral("A later click of yours already counts.");
        }
        boolean in = member.map(Signups.Member::joined).orElse(false);
        if (signup.closed()) {
            return Response.ephemeral("**" + signup.title() + "** is closed.");
        }
        if (join == in) {
            Signups.saveMember(context.sql(), guildId, signup.id(), userId, in, click);
            return Response.ephemeral(in ? "You are already in **" + signup.title() + "**."
                    : "You are not in **" + signup.title() + "**.");
        }
        if (join && signup.joined() >= signup.slots()) {
            Signups.saveMember(context.sql(), guildId, signup.id(), userId, false, click);
            return Response.ephemeral("Sorry, **" + signup.title() + "** is full.");
        }
        int joined = signup.joined() + (join ? 1 : -1);
        Signups.saveMember(context.sql(), guildId, signup.id(), userId, join, click);
        Signups.setJoined(context.sql(), guildId, signup.id(), joined);
        Signups.Signup now = new Signups.Signup(guildId, signup.id(), signup.channelId(), signup.title(),
                signup.slots(), joined, signup.closesAt(), false, signup.postKey());
        context.discord().editPosted(signup.postKey(), now.message());
        return Response.ephemeral(join ? "You joined **" + signup.title() + "**." : "You left **" + signup.title() + "**.");
    }
}

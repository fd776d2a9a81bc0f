package io.guildflow.example.signup;

import io.guildflow.api.Acknowledgement;
import io.guildflow.api.AutocompleteContext;
import io.guildflow.api.Choice;
import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.OptionDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /signup create title slots closes_in}, {@code /signup list}, {@code /signup show signup} (with
 * autocomplete over the guild's open signups). Creating one posts its message with Join, Leave and
 * Edit-title buttons through the outbox, so it is posted exactly once.
 */
public final class SignupCommand implements SlashCommand {
    private static final CommandDefinition DEFINITION = CommandDefinition.of("signup", "Signups with limited slots",
            OptionDefinition.subcommand("create", "Open a signup",
                    OptionDefinition.string("title", "What people sign up for", true),
                    OptionDefinition.integer("slots", "How many may join", true),
                    OptionDefinition.integer("closes_in", "Minutes until it closes", true)),
            OptionDefinition.subcommand("list", "The open signups"),
            OptionDefinition.subcommand("show", "One open signup",
                    OptionDefinition.string("signup", "Which signup", true).withAutocomplete()));
    private static final int MAX_SLOTS = 1000;
    private static final long MAX_MINUTES = 60L * 24 * 30;

    /** Every answer is a message only the user sees. */
    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.ephemeralReply();
    }

    @Override
    public CommandDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Response handle(CommandContext context) throws Exception {
        Optional<String> guild = context.guildId();
        if (guild.isEmpty()) {
            return Response.ephemeral("Signups live in servers, not in direct messages.");
        }
        return switch (context.subcommandPath().get(0)) {
            case "create" -> create(context, guild.get());
            case "list" -> list(context, guild.get());
            default -> show(context, guild.get());
        };
    }

    private static Response create(CommandContext context, String guildId) throws Exception {
        String title = context.options().string("title").orElse("").strip();
        long slots = context.options().integer("slots").orElse(0L);
        long minutes = context.options().integer("closes_in").orElse(0L);
        if (title.isEmpty() || title.length() > 100 || slots < 1 || slots > MAX_SLOTS || minutes < 1
                || minutes > MAX_MINUTES) {
            return Response.ephemeral("A signup needs a title (up to 100 characters), 1 to " + MAX_SLOTS
                    + " slots and 1 to " + MAX_MINUTES + " minutes.");
        }
        Signups.Signup signup = Signups.create(context.sql(), guildId, context.channelId(), title, (int) slots,
                context.now().plus(Duration.ofMinutes(minutes)), context.user().id());
        String postKey = context.discord().postMessage(context.channelId(), signup.message());
        Signups.setPostKey(context.sql(), guildId, signup.id(), postKey);
        return Response.ephemeral("Signup #" + signup.id() + " is open.");
    }

    private static Response list(CommandContext context, String guildId) throws Exception {
        List<Signups.Signup> open = Signups.open(context.sql(), guildId, "", 20);
        if (open.isEmpty()) {
            return Response.ephemeral("No open signups.");
        }
        return Response.ephemeral(open.stream().map(Signups.Signup::line).collect(Collectors.joining("\n")));
    }

    private static Response show(CommandContext context, String guildId) throws Exception {
        long id;
        try {
            id = Long.parseLong(context.options().string("signup").orElse(""));
        } catch (NumberFormatException e) {
            return Response.ephemeral("Pick a signup from the list.");
        }
        return Signups.lock(context.sql(), guildId, id)
                .map(signup -> Response.ephemeral(signup.line()))
                .orElseGet(() -> Response.ephemeral("There is no signup #" + id + " here."));
    }

    @Override
    public Response.Choices autocomplete(AutocompleteContext context) throws Exception {
        if (context.guildId().isEmpty()) {
            return Response.choices(List.of());
        }
        return Response.choices(Signups.open(context.sql(), context.guildId().get(), context.focusedValue(), 25)
                .stream().map(s -> Choice.of("#" + s.id() + " " + s.title(), Long.toString(s.id()))).toList());
    }
}

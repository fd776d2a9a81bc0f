package io.guildflow.example.greet;

import io.guildflow.api.ActionRow;
import io.guildflow.api.AutocompleteContext;
import io.guildflow.api.Button;
import io.guildflow.api.Choice;
import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.CustomId;
import io.guildflow.api.Message;
import io.guildflow.api.OptionDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /greet <name>}: the handler README.md's "Write your own bot" shows (its block is this class's body, checked by
 * {@code DocumentationDriftTest}); it writes to the bot's own table, suggests names greeted before and carries a
 * "Wave back" button ({@link WaveButton}).
 */
public final class GreetCommand implements SlashCommand {
    public CommandDefinition definition() {
        return CommandDefinition.of("greet", "Say hello",
                OptionDefinition.string("name", "who to greet", true).withAutocomplete());
    }

    public Response handle(CommandContext context) throws Exception {
        String name = context.options().string("name").orElse("there");
        try (var insert = context.sql().prepareStatement("INSERT INTO greetings (user_id, name) VALUES (?, ?)")) {
            insert.setString(1, context.user().id());
            insert.setString(2, name);
            insert.executeUpdate();
        }
        return Response.reply(Message.text("Hello, " + name + "!")
                .withComponents(ActionRow.of(Button.primary(CustomId.of("wave", name), "Wave back"))));
    }

    public Response.Choices autocomplete(AutocompleteContext context) throws Exception {
        List<Choice> names = new ArrayList<>();
        try (var query = context.sql().prepareStatement(
                "SELECT DISTINCT name FROM greetings WHERE name LIKE ? ORDER BY name LIMIT 25")) {
            query.setString(1, context.focusedValue() + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(Choice.of(rows.getString(1), rows.getString(1)));
                }
            }
        }
        return Response.choices(names);
    }
}

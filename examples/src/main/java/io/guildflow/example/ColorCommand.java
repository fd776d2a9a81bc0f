package io.guildflow.example;

import io.guildflow.api.ActionRow;
import io.guildflow.api.AutocompleteContext;
import io.guildflow.api.Button;
import io.guildflow.api.Choice;
import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.CustomId;
import io.guildflow.api.Embed;
import io.guildflow.api.Message;
import io.guildflow.api.OptionDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SelectMenu;
import io.guildflow.api.SlashCommand;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /color show <name>} and {@code /color list}: a subcommand with an autocompleted option,
 * answered with an embed, a button and a select menu (handled by {@link LikeButton} and {@link ColorMenu}).
 */
public final class ColorCommand implements SlashCommand {
    static final Map<String, Integer> COLORS = Map.of("red", 0xE74C3C, "green", 0x2ECC71, "blue", 0x3498DB,
            "purple", 0x9B59B6, "orange", 0xE67E22);
    private static final CommandDefinition DEFINITION = CommandDefinition.of("color", "Colors",
            OptionDefinition.subcommand("show", "Show a color",
                    OptionDefinition.string("name", "Which color", true).withAutocomplete()),
            OptionDefinition.subcommand("list", "Pick a color from a menu"));

    @Override
    public CommandDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Response handle(CommandContext context) {
        if (context.subcommandPath().equals(List.of("list"))) {
            List<SelectMenu.Option> options = COLORS.keySet().stream().sorted()
                    .map(name -> SelectMenu.Option.of(name, name)).toList();
            return Response.reply(Message.text("Pick one:").withComponents(
                    ActionRow.of(SelectMenu.of(CustomId.of(ColorMenu.PREFIX, ""), "a color", options))));
        }
        String name = context.options().string("name").orElse("").toLowerCase(Locale.ROOT);
        Integer rgb = COLORS.get(name);
        if (rgb == null) {
            return Response.ephemeral("I do not know the color '" + name + "'.");
        }
        return Response.reply(Message.embeds(Embed.of(name, "#" + String.format("%06X", rgb)).withColor(rgb))
                .withComponents(ActionRow.of(Button.primary(CustomId.of(LikeButton.PREFIX, name), "Like"))));
    }

    @Override
    public Response.Choices autocomplete(AutocompleteContext context) {
        String typed = context.focusedValue().toLowerCase(Locale.ROOT);
        return Response.choices(COLORS.keySet().stream().filter(name -> name.startsWith(typed)).sorted()
                .map(name -> Choice.of(name, name)).toList());
    }
}

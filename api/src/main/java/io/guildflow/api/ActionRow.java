package io.guildflow.api;

import java.util.List;

/** One row of components: 1-5 buttons, or exactly one select menu, or exactly one text input. */
public record ActionRow(List<Component> components) {
    public ActionRow {
        components = List.copyOf(components);
        DiscordLimits.requireCount("action row", components, 1, DiscordLimits.BUTTONS_PER_ROW);
        boolean allButtons = components.stream().allMatch(Button.class::isInstance);
        DiscordLimits.require(allButtons || components.size() == 1,
                "an action row holds up to 5 buttons or exactly one select menu or text input");
    }

    public static ActionRow of(Component... components) {
        return new ActionRow(List.of(components));
    }
}

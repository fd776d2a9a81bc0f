package io.guildflow.api;

import java.util.List;

/**
 * A message the bot sends: as the reply, as the new content of a component's message, as the
 * edit after a deferral, or as a follow-up. Immutable; the {@code with…} methods return copies.
 *
 * @param content    text, or null for a message of embeds and/or components only
 * @param ephemeral  only the invoking user sees it (ignored where Discord fixes it, e.g. updates)
 */
public record Message(String content, List<Embed> embeds, List<ActionRow> components, boolean ephemeral,
                      AllowedMentions allowedMentions) {

    public Message {
        DiscordLimits.requireAtMost("message content", content, DiscordLimits.CONTENT);
        embeds = List.copyOf(embeds);
        components = List.copyOf(components);
        DiscordLimits.requireCount("message embeds", embeds, 0, DiscordLimits.EMBEDS_PER_MESSAGE);
        DiscordLimits.requireCount("message action rows", components, 0, DiscordLimits.ACTION_ROWS);
        DiscordLimits.require(components.stream().flatMap(r -> r.components().stream())
                .noneMatch(TextInput.class::isInstance), "text inputs belong in a modal, not a message");
        int embedCharacters = embeds.stream().mapToInt(Embed::characters).sum();
        DiscordLimits.require(embedCharacters <= DiscordLimits.EMBED_TOTAL,
                "a message's embeds hold at most " + DiscordLimits.EMBED_TOTAL + " characters, held " + embedCharacters);
        DiscordLimits.require((content != null && !content.isEmpty()) || !embeds.isEmpty() || !components.isEmpty(),
                "a message needs content, an embed or a component");
        DiscordLimits.require(allowedMentions != null, "allowed mentions must be set (AllowedMentions.none())");
    }

    /** Text that pings nobody. */
    public static Message text(String content) {
        return new Message(content, List.of(), List.of(), false, AllowedMentions.none());
    }

    public static Message embeds(Embed... embeds) {
        return new Message(null, List.of(embeds), List.of(), false, AllowedMentions.none());
    }

    public Message asEphemeral() {
        return new Message(content, embeds, components, true, allowedMentions);
    }

    public Message withEmbeds(Embed... more) {
        return new Message(content, List.of(more), components, ephemeral, allowedMentions);
    }

    public Message withComponents(ActionRow... rows) {
        return new Message(content, embeds, List.of(rows), ephemeral, allowedMentions);
    }

    public Message withAllowedMentions(AllowedMentions mentions) {
        return new Message(content, embeds, components, ephemeral, mentions);
    }
}

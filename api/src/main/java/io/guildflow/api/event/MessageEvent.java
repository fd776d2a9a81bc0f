package io.guildflow.api.event;

import io.guildflow.api.User;
import java.util.List;
import java.util.Optional;

/**
 * {@code MESSAGE_CREATE} and {@code MESSAGE_UPDATE}: Discord's message object. Without {@link Intent#MESSAGE_CONTENT}
 * Discord sends {@link #content()} empty (and no attachments, embeds or components) except for messages that
 * mention the bot and direct messages. An update may carry only some fields: what it lacks reads as empty.
 *
 * @param json the message object as Discord sent it
 */
public record MessageEvent(JsonView json) implements InChannel {

    public String messageId() {
        return Views.id(json, "id");
    }

    /** Empty in an update that does not say (Discord omits the author in some partial updates). */
    public Optional<User> author() {
        return json.has("author") ? Optional.of(Views.user(json.object("author"))) : Optional.empty();
    }

    /** Whether a bot (or webhook) wrote it: most handlers ignore their own and other bots' messages. */
    public boolean fromBot() {
        return json.object("author").bool("bot").orElse(false) || json.has("webhook_id");
    }

    public String content() {
        return json.string("content").orElse("");
    }

    /** When it was last edited (ISO-8601); empty for a message never edited. */
    public Optional<String> editedTimestamp() {
        return json.string("edited_timestamp");
    }

    /** Ids of the users it mentions. */
    public List<String> mentionedUserIds() {
        return json.objects("mentions").stream().map(user -> Views.id(user, "id")).toList();
    }

    /** The message it replies to, if it is a reply. */
    public Optional<String> referencedMessageId() {
        return json.object("message_reference").snowflake("message_id");
    }
}

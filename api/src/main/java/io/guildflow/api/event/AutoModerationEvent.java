package io.guildflow.api.event;

import java.util.Optional;

/**
 * {@code AUTO_MODERATION_ACTION_EXECUTION}: an AutoMod rule acted. {@link #content()} and {@link #matchedContent()}
 * are empty without {@link Intent#MESSAGE_CONTENT}.
 */
public record AutoModerationEvent(JsonView json) implements EventView {

    public String ruleId() {
        return Views.id(json, "rule_id");
    }

    public String userId() {
        return Views.id(json, "user_id");
    }

    /** Discord's action type (1 block message, 2 send alert, 3 timeout, 4 block member interaction); -1 when missing. */
    public int actionType() {
        return (int) json.object("action").number("type").orElse(-1);
    }

    public Optional<String> channelId() {
        return json.snowflake("channel_id");
    }

    /** Empty when the message was blocked (it never existed). */
    public Optional<String> messageId() {
        return json.snowflake("message_id");
    }

    public String content() {
        return json.string("content").orElse("");
    }

    public Optional<String> matchedKeyword() {
        return json.string("matched_keyword");
    }

    public Optional<String> matchedContent() {
        return json.string("matched_content");
    }
}

package io.guildflow.worker.handler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What a handler answers. Converted once to Discord's interaction-callback JSON, which is what the
 * ledger stores and what every (re)delivery sends, so a redelivered interaction always gets the
 * same answer. Sealed so new shapes (embeds, modals) are added here, visibly.
 */
public sealed interface Reply permits Reply.Message, Reply.Choices {
    /** Discord callback type 4: CHANNEL_MESSAGE_WITH_SOURCE. */
    int CHANNEL_MESSAGE = 4;
    /** Discord callback type 8: APPLICATION_COMMAND_AUTOCOMPLETE_RESULT. */
    int AUTOCOMPLETE_RESULT = 8;
    /** Message flag 64: only the invoking user sees it. */
    int EPHEMERAL_FLAG = 64;
    int MAX_CONTENT_LENGTH = 2000;

    static Reply message(String content) {
        return new Message(content, false);
    }

    static Reply ephemeral(String content) {
        return new Message(content, true);
    }

    static Reply choices(List<Choice> choices) {
        return new Choices(choices);
    }

    /** The full callback body: {@code {"type": ..., "data": {...}}}. */
    ObjectNode toCallbackJson();

    record Message(String content, boolean ephemeral) implements Reply {
        public Message {
            Objects.requireNonNull(content, "content");
            if (content.isEmpty() || content.length() > MAX_CONTENT_LENGTH) {
                // Discord would answer 400 and the user would see "interaction failed"; fail in the handler instead.
                throw new IllegalArgumentException("message content must be 1-" + MAX_CONTENT_LENGTH
                        + " characters, was " + content.length());
            }
        }

        @Override
        public ObjectNode toCallbackJson() {
            ObjectNode callback = JsonNodeFactory.instance.objectNode();
            callback.put("type", CHANNEL_MESSAGE);
            ObjectNode data = callback.putObject("data");
            data.put("content", content);
            if (ephemeral) {
                data.put("flags", EPHEMERAL_FLAG);
            }
            // Content often echoes user input: never let it ping @everyone or roles.
            data.putObject("allowed_mentions").putArray("parse");
            return callback;
        }
    }

    record Choices(List<Choice> choices) implements Reply {
        public Choices {
            choices = List.copyOf(choices);
            if (choices.size() > 25) {
                throw new IllegalArgumentException("Discord accepts at most 25 autocomplete choices");
            }
        }

        @Override
        public ObjectNode toCallbackJson() {
            ObjectNode callback = JsonNodeFactory.instance.objectNode();
            callback.put("type", AUTOCOMPLETE_RESULT);
            ArrayNode array = callback.putObject("data").putArray("choices");
            choices.forEach(c -> array.addObject().put("name", c.name()).put("value", c.value()));
            return callback;
        }
    }

    record Choice(String name, String value) {
        public Choice {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}

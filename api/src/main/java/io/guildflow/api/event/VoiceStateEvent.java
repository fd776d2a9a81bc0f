package io.guildflow.api.event;

import java.util.Optional;

/** {@code VOICE_STATE_UPDATE}: a user joined, left, moved, muted or deafened in voice. */
public record VoiceStateEvent(JsonView json) implements EventView {

    public String userId() {
        return Views.id(json, "user_id");
    }

    /** The voice channel now; empty when the user left voice. */
    public Optional<String> channelId() {
        return json.snowflake("channel_id");
    }

    public String sessionId() {
        return json.string("session_id").orElse("");
    }

    public boolean selfMute() {
        return json.bool("self_mute").orElse(false);
    }

    public boolean selfDeaf() {
        return json.bool("self_deaf").orElse(false);
    }
}

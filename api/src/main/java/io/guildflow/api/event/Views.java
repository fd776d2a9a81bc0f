package io.guildflow.api.event;

import io.guildflow.api.User;

/** Reading helpers the typed views share. */
final class Views {
    private Views() {
    }

    /** A Discord user object; missing fields read as empty strings (and a null display name). */
    static User user(JsonView user) {
        return new User(user.snowflake("id").orElse(""), user.string("username").orElse(""),
                user.string("global_name").orElse(null));
    }

    static String id(JsonView json, String field) {
        return json.snowflake(field).orElse("");
    }
}

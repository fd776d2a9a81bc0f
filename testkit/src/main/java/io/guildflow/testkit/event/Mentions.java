package io.guildflow.testkit.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.World;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mention fields of a message a user writes, read from its content as Discord does (reference.mdx, "Message
 * Formatting"): {@code <@id>} and {@code <@!id>} users, {@code <@&id>} roles, {@code @everyone} and {@code @here}.
 */
final class Mentions {
    private static final Pattern USER = Pattern.compile("<@!?(\\d{1,20})>");
    private static final Pattern ROLE = Pattern.compile("<@&(\\d{1,20})>");

    private Mentions() {}

    /** Sets {@code mentions} (known users only), {@code mention_roles} and {@code mention_everyone}. */
    static void apply(ObjectNode message, String content, World world) {
        ArrayNode users = message.putArray("mentions");
        for (long id : ids(USER, content)) {
            world.user(id).ifPresent(u -> users.add(Payloads.user(u)));
        }
        ArrayNode roles = message.putArray("mention_roles");
        ids(ROLE, content).forEach(id -> roles.add(Json.id(id)));
        message.put("mention_everyone", content.contains("@everyone") || content.contains("@here"));
    }

    private static Set<Long> ids(Pattern pattern, String content) {
        Set<Long> ids = new LinkedHashSet<>();
        Matcher m = pattern.matcher(content);
        while (m.find()) {
            try {
                ids.add(Long.parseUnsignedLong(m.group(1)));
            } catch (NumberFormatException e) {
                // more digits than a snowflake holds: Discord renders it as text, so it mentions nobody
            }
        }
        return ids;
    }
}

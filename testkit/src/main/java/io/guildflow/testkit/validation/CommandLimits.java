package io.guildflow.testkit.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Application command rules (application commands docs, "Application Command Naming" and the object tables). */
final class CommandLimits {
    private static final Pattern CHAT_INPUT_NAME = Pattern.compile("^[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$");
    static final int OPTIONS = 25;
    static final int CHOICES = 25;

    private CommandLimits() {}

    static void command(JsonNode c, String prefix, FormErrors e) {
        int type = c.path("type").asInt(1);
        boolean chatInput = type == 1;
        name(c.get("name"), chatInput, prefix + "name", e);
        if (chatInput) {
            description(c.get("description"), prefix + "description", e);
            options(c.get("options"), prefix + "options", e);
        }
    }

    private static void name(JsonNode name, boolean chatInput, String path, FormErrors e) {
        if (name == null || name.isNull()) {
            e.required(path);
            return;
        }
        String s = name.asText();
        int length = Text.length(name);
        if (length < 1) {
            e.tooShort(path, 1);
        } else if (length > 32) {
            e.tooLong(path, 32);
        } else if (chatInput && !CHAT_INPUT_NAME.matcher(s).matches()) {
            e.add(path, "STRING_TYPE_REGEX", "String value did not match validation regex.");
        } else if (chatInput && hasUppercase(s)) {
            // "If there is a lowercase variant of any letters used, you must use those."
            e.add(path, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
        }
    }

    private static boolean hasUppercase(String s) {
        return s.codePoints().anyMatch(cp -> Character.toLowerCase(cp) != cp);
    }

    private static void description(JsonNode d, String path, FormErrors e) {
        if (d == null || d.isNull()) {
            e.required(path);
            return;
        }
        int length = Text.length(d);
        if (length < 1) {
            e.tooShort(path, 1);
        } else if (length > 100) {
            e.tooLong(path, 100);
        }
    }

    private static void options(JsonNode options, String path, FormErrors e) {
        if (options == null || !options.isArray()) {
            return;
        }
        if (options.size() > OPTIONS) {
            e.tooLong(path, OPTIONS);
        }
        for (int i = 0; i < options.size(); i++) {
            JsonNode o = options.get(i);
            String at = path + "." + i + ".";
            name(o.get("name"), true, at + "name", e);
            description(o.get("description"), at + "description", e);
            JsonNode choices = o.get("choices");
            if (choices != null && choices.isArray() && choices.size() > CHOICES) {
                e.tooLong(at + "choices", CHOICES);
            }
            options(o.get("options"), at + "options", e);
        }
    }
}

package io.guildflow.testkit.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.model.EmulatedUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What Discord's client lets a user send for a registered slash command: only declared subcommands and options,
 * every required option, each value of its declared type (within its choices, lengths and bounds). The client
 * never sends anything else, so the emulator refuses it before dispatch with an IllegalArgumentException of one
 * line (400 on the {@code /_emulator} routes). Returns the values re-typed as declared (an integer given for a
 * NUMBER option is sent as a number; a user id or name given for a USER option becomes that user), ready for
 * {@link OptionEncoder}. Documentation: {@code interactions/application-commands.mdx} "Application Command Option
 * Type", "Application Command Option Structure".
 */
final class OptionCheck {
    private static final int SUB_COMMAND = 1;
    private static final int SUB_COMMAND_GROUP = 2;
    /** Discord's INTEGER option range (application-commands.mdx, "Application Command Option Type"). */
    private static final long MAX_INTEGER = 1L << 53;

    private OptionCheck() {}

    /** A slash command invocation: {@code fullName} with its subcommand path, every option typed in full. */
    static Map<String, Object> command(JsonNode command, String fullName, Map<String, ?> values,
            Function<String, Optional<EmulatedUser>> users) {
        String where = "/" + fullName.trim().replaceAll("\\s+", " ");
        List<JsonNode> declared = declaredOptions(command, fullName, where);
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, ?> value : values.entrySet()) {
            JsonNode option = find(declared, value.getKey(), where);
            typed.put(value.getKey(), typed(option, value.getValue(), where, users));
        }
        for (JsonNode option : declared) {
            if (option.path("required").asBoolean(false) && !values.containsKey(option.path("name").asText())) {
                throw new IllegalArgumentException(where + ": option '" + option.path("name").asText()
                        + "' is required (Discord's client does not send the command without it)");
            }
        }
        return typed;
    }

    /**
     * An autocomplete request: the focused option must be declared with {@code autocomplete: true} (Discord asks
     * only for those); the other options are what the user has filled in so far, so none is required yet.
     */
    static void autocomplete(JsonNode command, String fullName, String focused, Map<String, ?> others) {
        String where = "/" + fullName.trim().replaceAll("\\s+", " ");
        List<JsonNode> declared = declaredOptions(command, fullName, where);
        JsonNode option = find(declared, focused, where);
        if (!option.path("autocomplete").asBoolean(false)) {
            throw new IllegalArgumentException(where + ": option '" + focused + "' is not declared with autocomplete,"
                    + " so Discord never asks the bot for its choices");
        }
        others.keySet().forEach(name -> find(declared, name, where));
    }

    /** The options of the innermost subcommand {@code fullName} names, refusing a path the command does not have. */
    private static List<JsonNode> declaredOptions(JsonNode command, String fullName, String where) {
        String[] parts = fullName.trim().split("\\s+");
        List<JsonNode> level = list(command.path("options"));
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            List<JsonNode> here = level;
            JsonNode sub = here.stream().filter(o -> isSubcommand(o) && o.path("name").asText().equals(part))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(where + ": '" + part
                            + "' is not a subcommand here" + namesOf(here, true)));
            level = list(sub.path("options"));
        }
        if (level.stream().anyMatch(OptionCheck::isSubcommand)) {
            throw new IllegalArgumentException(where + ": choose a subcommand" + namesOf(level, true)
                    + " (Discord's client cannot send the command without one)");
        }
        return level;
    }

    private static JsonNode find(List<JsonNode> declared, String name, String where) {
        return declared.stream().filter(o -> o.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(where + " has no option '" + name + "'"
                        + (declared.isEmpty() ? " (it declares none)" : namesOf(declared, false))));
    }

    private static Object typed(JsonNode option, Object value, String where,
            Function<String, Optional<EmulatedUser>> users) {
        String name = option.path("name").asText();
        int type = option.path("type").asInt();
        Object typed = switch (type) {
            case 3 -> value instanceof CharSequence text ? text.toString() : null;
            case 4 -> integer(value);
            case 5 -> value instanceof Boolean b ? b : null;
            case 6 -> value instanceof EmulatedUser u ? u
                    : value instanceof CharSequence text ? users.apply(text.toString()).orElseThrow(() ->
                            new IllegalArgumentException(where + ": option '" + name + "' names no known user '" + text
                                    + "' (give a user id or username)")) : null;
            case 10 -> value instanceof Number n ? new CommandOption(10, n.doubleValue())
                    : value instanceof CommandOption o && (o.type() == 10 || o.type() == 4) && o.value() instanceof Number n
                            ? new CommandOption(10, n.doubleValue()) : null;
            default -> snowflake(type, value);
        };
        if (typed == null) {
            throw new IllegalArgumentException(where + ": option '" + name + "' expects " + typeName(type) + ", got "
                    + describe(value));
        }
        checkBounds(option, typed, where);
        return typed;
    }

    private static Object integer(Object value) {
        Object raw = value instanceof CommandOption o && o.type() == 4 ? o.value() : value;
        boolean integral = raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte;
        if (!integral || Math.abs(((Number) raw).longValue()) > MAX_INTEGER) {
            return null;
        }
        return new CommandOption(4, ((Number) raw).longValue());
    }

    /** Channel, role, mentionable, attachment: a CommandOption of that type, a user (mentionable) or an id. */
    private static Object snowflake(int type, Object value) {
        if (value instanceof CommandOption o) {
            return o.type() == type || (type == 9 && (o.type() == 6 || o.type() == 8)) ? o : null;
        }
        if (type == 9 && value instanceof EmulatedUser user) {
            return user;
        }
        if ((value instanceof CharSequence || value instanceof Long) && String.valueOf(value).matches("\\d{1,20}")) {
            return new CommandOption(type == 9 ? 6 : type, String.valueOf(value));
        }
        return null;
    }

    private static void checkBounds(JsonNode option, Object typed, String where) {
        String name = option.path("name").asText();
        Object plain = typed instanceof CommandOption o ? o.value() : typed;
        List<JsonNode> choices = list(option.path("choices"));
        if (!choices.isEmpty() && choices.stream().noneMatch(c -> sameValue(c.path("value"), plain))) {
            throw new IllegalArgumentException(where + ": option '" + name + "' must be one of its choices "
                    + choices.stream().map(c -> c.path("value").asText()).toList() + ", got " + describe(plain));
        }
        int type = option.path("type").asInt();
        if (type == 3 && plain instanceof String text) {
            int length = text.codePointCount(0, text.length());
            if (length < option.path("min_length").asInt(0) || length > option.path("max_length").asInt(6000)) {
                throw new IllegalArgumentException(where + ": option '" + name + "' must be "
                        + option.path("min_length").asInt(0) + " to " + option.path("max_length").asInt(6000)
                        + " characters long, got " + length);
            }
        }
        if ((type == 4 || type == 10) && plain instanceof Number number) {
            double n = number.doubleValue();
            JsonNode min = option.get("min_value");
            JsonNode max = option.get("max_value");
            if ((min != null && n < min.asDouble()) || (max != null && n > max.asDouble())) {
                throw new IllegalArgumentException(where + ": option '" + name + "' must be between "
                        + (min == null ? "-∞" : min.asText()) + " and " + (max == null ? "∞" : max.asText())
                        + ", got " + describe(plain));
            }
        }
    }

    private static boolean sameValue(JsonNode choice, Object value) {
        if (value instanceof Number n) {
            return choice.isNumber() && choice.asDouble() == n.doubleValue();
        }
        return choice.isTextual() && choice.asText().equals(value);
    }

    private static boolean isSubcommand(JsonNode option) {
        int type = option.path("type").asInt();
        return type == SUB_COMMAND || type == SUB_COMMAND_GROUP;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static String namesOf(List<JsonNode> options, boolean subcommands) {
        return " (" + (subcommands ? "subcommands: " : "its options: ") + String.join(", ", options.stream()
                .filter(o -> isSubcommand(o) == subcommands).map(o -> o.path("name").asText()).toList()) + ")";
    }

    private static String typeName(int type) {
        return switch (type) {
            case 3 -> "a string";
            case 4 -> "an integer";
            case 5 -> "a boolean";
            case 6 -> "a user (id or username)";
            case 7 -> "a channel id";
            case 8 -> "a role id";
            case 9 -> "a user or role id";
            case 10 -> "a number";
            case 11 -> "an attachment id";
            default -> "option type " + type;
        };
    }

    private static String describe(Object value) {
        if (value instanceof CharSequence text) {
            return "the string \"" + text + "\"";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return "the integer " + value;
        }
        if (value instanceof Number n) {
            return "the number " + n;
        }
        if (value instanceof Boolean b) {
            return "the boolean " + b;
        }
        if (value instanceof EmulatedUser u) {
            return "the user " + u.username();
        }
        return value instanceof CommandOption o ? "an option of type " + o.type() : String.valueOf(value);
    }
}

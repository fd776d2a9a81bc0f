package io.guildflow.testkit.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** String lengths as Discord counts them: Unicode code points. */
final class Text {
    private Text() {}

    static int length(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return 0;
        }
        String s = value.textValue();
        return s.codePointCount(0, s.length());
    }

    static boolean longerThan(JsonNode value, int max) {
        // a UTF-16 length within the limit is always within it in code points: skip the count
        return value != null && value.isTextual() && value.textValue().length() > max && length(value) > max;
    }

    /** Adds an error if longer than {@code max}; returns the length for totals. */
    static int limit(JsonNode value, int max, String path, FormErrors e) {
        int n = length(value);
        if (n > max) {
            e.tooLong(path, max);
        }
        return n;
    }
}

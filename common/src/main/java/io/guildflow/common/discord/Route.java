package io.guildflow.common.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One concrete request target. {@link #template()} is the only form that may reach logs, metric
 * tags or exception messages; {@link #segments()} holds raw values including interaction tokens.
 * toString() is overridden to the template so the record never prints a token by accident.
 *
 * @param segments    path segments after the API base, unencoded for tokens/ids, as given for bot routes
 * @param encoded     whether {@code segments} are already percent-encoded (generic bot routes)
 * @param bucketKey   rate-limit key: template plus major parameter (Discord scopes limits per major parameter)
 * @param botAuth     whether to send {@code Authorization: Bot ...}; interaction routes authenticate by token
 * @param secrets     values to scrub from anything Discord echoes back
 */
record Route(String method, String template, List<String> segments, boolean encoded, String query,
             String bucketKey, boolean botAuth, boolean callback, List<String> secrets) {

    private static final Set<String> MAJOR_PARAMETERS = Set.of("channels", "guilds", "webhooks");
    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{1,20}");
    /** Literal route words ("applications", "@me", "@original", "audit-logs"). Anything else may be a secret. */
    private static final Pattern LITERAL = Pattern.compile("[a-z@][a-z0-9@._-]{0,40}");

    Route {
        Objects.requireNonNull(method, "method");
        segments = List.copyOf(segments);
        secrets = List.copyOf(secrets);
    }

    static Route interactionCallback(String interactionId, String token) {
        requireId(interactionId, "interactionId");
        requireToken(token);
        String template = "interactions/{id}/{token}/callback";
        // callback limits are per interaction; the map only holds exhausted buckets, so no growth
        return new Route("POST", template, List.of("interactions", interactionId, token, "callback"), false, null,
                template + "|" + interactionId, false, true, List.of(token));
    }

    static Route editOriginal(String applicationId, String token) {
        return webhook("PATCH", applicationId, token, "webhooks/{application}/{token}/messages/@original",
                List.of("messages", "@original"));
    }

    static Route getOriginal(String applicationId, String token) {
        return webhook("GET", applicationId, token, "webhooks/{application}/{token}/messages/@original",
                List.of("messages", "@original"));
    }

    static Route deleteOriginal(String applicationId, String token) {
        return webhook("DELETE", applicationId, token, "webhooks/{application}/{token}/messages/@original",
                List.of("messages", "@original"));
    }

    static Route followUp(String applicationId, String token) {
        return webhook("POST", applicationId, token, "webhooks/{application}/{token}", List.of());
    }

    private static Route webhook(String method, String applicationId, String token, String template, List<String> tail) {
        requireId(applicationId, "applicationId");
        requireToken(token);
        List<String> segments = new ArrayList<>(List.of("webhooks", applicationId, token));
        segments.addAll(tail);
        // major parameter is webhook id + token; a hash keeps the raw token out of the key
        String major = applicationId + ":" + Integer.toHexString(token.hashCode());
        return new Route(method, template, segments, false, null, template + "|" + major, false, false, List.of(token));
    }

    /**
     * A bot-authenticated route given as a relative path such as {@code applications/1/guilds/2/commands}
     * (optionally with {@code ?query}). Snowflakes become {@code {id}} in the template; any other
     * segment that is not a plain route word becomes {@code {param}}, so a token passed here by
     * mistake still never reaches a metric tag or log line.
     */
    static Route bot(String method, String route) {
        Objects.requireNonNull(route, "route");
        String path = route.startsWith("/") ? route.substring(1) : route;
        String query = null;
        int q = path.indexOf('?');
        if (q >= 0) {
            query = path.substring(q + 1);
            path = path.substring(0, q);
        }
        if (path.isEmpty() || path.contains("://")) {
            throw new IllegalArgumentException("route must be a relative API path like 'applications/@me'");
        }
        List<String> segments = List.of(path.split("/", -1));
        List<String> templ = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        String major = "";
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (s.isEmpty() || s.equals("..") || s.equals(".")) {
                throw new IllegalArgumentException("route has an empty or relative segment");
            }
            if (SNOWFLAKE.matcher(s).matches()) {
                templ.add("{id}");
                if (major.isEmpty() && i > 0 && MAJOR_PARAMETERS.contains(segments.get(i - 1))) {
                    major = s;
                }
            } else if (LITERAL.matcher(s).matches()) {
                templ.add(s);
            } else {
                templ.add("{param}");
                secrets.add(s);
            }
        }
        String template = String.join("/", templ);
        String upper = method.toUpperCase(Locale.ROOT);
        return new Route(upper, template, segments, true, query, upper + " " + template + "|" + major, true, false, secrets);
    }

    /** Safe to retry after an unclear outcome: repeating it cannot create a second effect. */
    boolean idempotent() {
        return !method.equals("POST");
    }

    /** Replaces any secret in text Discord sent back (defence in depth; Discord does not echo tokens). */
    String scrub(String text) {
        String out = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return method + " " + template;
    }

    private static void requireId(String id, String name) {
        if (id == null || !SNOWFLAKE.matcher(id).matches()) {
            throw new IllegalArgumentException(name + " must be a Discord snowflake (digits)");
        }
    }

    private static void requireToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("interaction token must not be blank");
        }
    }
}

package io.guildflow.testkit.rest;

import java.util.HashMap;
import java.util.Map;

/**
 * One REST route. {@code template} uses Discord's placeholders, e.g. {@code /channels/{channel.id}/messages}.
 *
 * @param bot true for routes that need {@code Authorization: Bot <token>} and count against the global limit
 *     (interaction callbacks and interaction webhooks do neither)
 * @param bucketLimit requests per {@code bucketWindowMillis} per major parameter, 0 for no per-route bucket
 */
public final class Route {
    private final String method;
    private final String template;
    private final boolean bot;
    private final int bucketLimit;
    private final long bucketWindowMillis;
    private final Handler handler;
    private final String[] segments;
    private final String bucketHash;

    public Route(String method, String template, boolean bot, int bucketLimit, long bucketWindowMillis,
            Handler handler) {
        this.method = method;
        this.template = template;
        this.bot = bot;
        this.bucketLimit = bucketLimit;
        this.bucketWindowMillis = bucketWindowMillis;
        this.handler = handler;
        this.segments = template.substring(1).split("/");
        this.bucketHash = Integer.toHexString((method + " " + template).hashCode());
    }

    public String method() {
        return method;
    }

    public String template() {
        return template;
    }

    public boolean bot() {
        return bot;
    }

    public int bucketLimit() {
        return bucketLimit;
    }

    public long bucketWindowMillis() {
        return bucketWindowMillis;
    }

    public Handler handler() {
        return handler;
    }

    /** Route body. */
    @FunctionalInterface
    public interface Handler {
        RestResponse handle(RestRequest request);
    }

    /** Parameters if {@code path} matches the template (method aside), otherwise null. */
    public Map<String, String> match(String[] pathSegments) {
        String[] t = segments;
        if (t.length != pathSegments.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{")) {
                if (pathSegments[i].isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new HashMap<>(4);
                }
                params.put(t[i].substring(1, t[i].length() - 1), pathSegments[i]);
            } else if (!t[i].equals(pathSegments[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    /** Discord's bucket key: route plus its major parameter (channel, guild, webhook or interaction). */
    public String bucketKey(Map<String, String> params) {
        for (String major : new String[] {"channel.id", "guild.id", "webhook.token", "interaction.token"}) {
            String v = params.get(major);
            if (v != null) {
                return method + " " + template + ":" + v;
            }
        }
        return method + " " + template;
    }

    public String bucketHash() {
        return bucketHash;
    }
}

package io.guildflow.testkit.recording;

import java.time.Instant;

/**
 * One REST call as the emulator saw it.
 *
 * @param route the route template, e.g. {@code POST /interactions/{interaction.id}/{interaction.token}/callback}
 * @param path the concrete path below the API base, e.g. {@code /interactions/123/abc/callback}
 * @param query raw query string or empty
 * @param requestBody the JSON body (the {@code payload_json} part for multipart requests), or empty
 */
public record RestCall(
        long index,
        Instant at,
        String method,
        String route,
        String path,
        String query,
        String requestBody,
        int status,
        String responseBody) {

    /** Convenience: {@code "METHOD template"}. */
    public String routeKey() {
        return method + " " + route;
    }
}

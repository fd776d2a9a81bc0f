package io.guildflow.common.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void botRouteTemplatesReplaceIdsAndUnknownSegments() {
        Route r = Route.bot("put", "applications/123/guilds/456/commands");
        assertEquals("PUT", r.method());
        assertEquals("applications/{id}/guilds/{id}/commands", r.template());
        assertTrue(r.bucketKey().endsWith("|456"), r.bucketKey());
        assertTrue(r.botAuth());
        assertEquals("applications/@me", Route.bot("GET", "/applications/@me").template());

        Route leaked = Route.bot("POST", "webhooks/1/aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu");
        assertEquals("webhooks/{id}/{param}", leaked.template());
        assertFalse(leaked.toString().contains("aW50"));
        assertEquals("x *** y", leaked.scrub("x aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu y"));
    }

    @Test
    void queryIsKeptOutOfTemplate() {
        Route r = Route.bot("GET", "guilds/9/members?limit=10");
        assertEquals("guilds/{id}/members", r.template());
        assertEquals("limit=10", r.query());
    }

    @Test
    void rejectsAbsoluteAndRelativePaths() {
        assertThrows(IllegalArgumentException.class, () -> Route.bot("GET", "https://evil.example/x"));
        assertThrows(IllegalArgumentException.class, () -> Route.bot("GET", "guilds/../users"));
        assertThrows(IllegalArgumentException.class, () -> Route.bot("GET", "guilds//roles"));
        assertThrows(IllegalArgumentException.class, () -> Route.interactionCallback("abc", "t"));
    }

    @Test
    void interactionRoutesNeverPrintTheToken() {
        Route r = Route.interactionCallback("1", "secret-token");
        assertFalse(r.toString().contains("secret-token"));
        assertFalse(r.bucketKey().contains("secret-token"));
        assertFalse(Route.editOriginal("2", "secret-token").bucketKey().contains("secret-token"));
        assertFalse(r.botAuth());
    }
}

package io.guildflow.common.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the first connect stops waiting: once every listed server refused the login, and not before. */
class FirstConnectionTest {
    private final List<String> heard = new ArrayList<>();
    private final ErrorListener delegate = new ErrorListener() {
        @Override
        public void errorOccurred(Connection conn, String error) {
            heard.add(error);
        }
    };

    @Test
    void aRefusedLoginEndsTheWaitWithTheServersWords() {
        FirstConnection watch = new FirstConnection(delegate, 1);
        watch.errorOccurred(null, "Authorization Violation");
        assertEquals("Authorization Violation", watch.refused().getNow(null));
        assertEquals(List.of("Authorization Violation"), heard);
    }

    @Test
    void everyListedServerMustRefuseBeforeTheWaitEnds() {
        FirstConnection watch = new FirstConnection(delegate, 2);
        watch.errorOccurred(null, "Authorization Violation");
        assertFalse(watch.refused().isDone(), "one of two servers refused: the other may accept");
        watch.errorOccurred(null, "User Authentication Expired");
        assertEquals("User Authentication Expired", watch.refused().getNow(null));
    }

    @Test
    void otherServerErrorsDoNotEndTheWait() {
        FirstConnection watch = new FirstConnection(delegate, 1);
        watch.errorOccurred(null, "Maximum Connections Exceeded");
        watch.errorOccurred(null, "Permissions Violation for Publish to \"gf.x\"");
        assertFalse(watch.refused().isDone());
        assertEquals(2, heard.size(), "every error still reaches the options' own listener");
    }

    @Test
    void theRefusalsAreTheOnesJnatsRecognises() {
        assertTrue(FirstConnection.isRefusal("Authorization Violation"));
        assertTrue(FirstConnection.isRefusal("user authentication revoked"));
        assertTrue(FirstConnection.isRefusal("Account Authentication Expired"));
        assertFalse(FirstConnection.isRefusal("Stale Connection"));
        assertFalse(FirstConnection.isRefusal(null));
    }
}

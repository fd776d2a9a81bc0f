package io.guildflow.common.discord.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.discord.governor.RestGovernor.Admission;
import io.guildflow.common.discord.governor.RestGovernor.Permit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RestGovernorTest {
    private static final String POST = "POST channels/{id}/messages";
    private static final String PATCH = "PATCH channels/{id}/messages/{id}";
    private static final String CALLBACK = "POST interactions/{id}/{token}/callback";

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RecordingLink link = new RecordingLink(1);
    private final RestGovernor governor = new RestGovernor(5, new Breaker(10), link, now::get, "me");

    @Test
    void interactionsAreExemptFromTheGlobalLimit() {
        for (int i = 0; i < 5; i++) {
            answer(go(POST, "c" + i, Priority.OUTBOX), 200, Map.of());
        }
        Admission blocked = governor.admit(POST, "c9", Priority.OUTBOX);
        assertNull(blocked.permit());
        assertEquals(1000, blocked.waitMillis(), "the global second is spent");
        assertNotNull(governor.admit(CALLBACK, "42", Priority.INTERACTION).permit(),
                "an interaction does not queue behind the outbox");
        assertEquals(5, governor.snapshot().globalUsed(), "and does not spend the global budget");
    }

    @Test
    void aBucketSendsOneAtATimeSoItIsLearnedWithOneRequest() {
        Permit first = go(POST, "1", Priority.OUTBOX);
        Admission second = governor.admit(POST, "1", Priority.OUTBOX);
        assertEquals(RouteBucket.IN_FLIGHT_POLL_MILLIS, second.waitMillis(), "waits for the first answer");
        assertNotNull(governor.admit(POST, "2", Priority.OUTBOX).permit(), "another major parameter is another bucket");

        answer(first, 200, bucket("abc", 5, 0, "2.5"));
        assertEquals(2500, governor.admit(POST, "1", Priority.OUTBOX).waitMillis(), "empty until its reset");
        assertTrue(link.shared.contains("learned " + POST + " abc 5"), link.shared.toString());
        assertTrue(link.shared.contains("blocked abc:1 " + (now.get() + 2500)), "peers learn it is empty");
        now.addAndGet(2500);
        assertNotNull(governor.admit(POST, "1", Priority.OUTBOX).permit());
    }

    @Test
    void routesSharingDiscordsBucketHashShareItsState() {
        answer(go(POST, "7", Priority.OUTBOX), 200, bucket("shared-hash", 5, 0, "1"));
        answer(go(PATCH, "7", Priority.OUTBOX), 200, bucket("shared-hash", 5, 0, "1"));
        assertEquals(1000, governor.admit(POST, "7", Priority.OUTBOX).waitMillis());
        assertEquals(1000, governor.admit(PATCH, "7", Priority.OUTBOX).waitMillis());
    }

    @Test
    void a429IsHonouredByItsScope() {
        answer(go(POST, "1", Priority.OUTBOX), 429, Map.of("X-RateLimit-Scope", "user"), 3000);
        assertEquals(3000, governor.admit(POST, "1", Priority.OUTBOX).waitMillis(), "user: that bucket");
        assertNotNull(governor.admit(POST, "2", Priority.OUTBOX).permit(), "other buckets go on");

        answer(go(POST, "3", Priority.SETUP), 429, Map.of("X-RateLimit-Global", "true"), 2000);
        assertEquals(2000, governor.admit(POST, "4", Priority.OUTBOX).waitMillis(), "global: everything limited");
        assertNotNull(governor.admit(CALLBACK, "9", Priority.INTERACTION).permit(), "but interactions");
        assertTrue(link.shared.contains("blocked global " + (now.get() + 2000)), link.shared.toString());

        answer(go(CALLBACK, "10", Priority.INTERACTION), 429, Map.of("X-RateLimit-Scope", "shared"), 500);
        assertEquals(1, governor.stats().rateLimitedCount("user"));
        assertEquals(1, governor.stats().rateLimitedCount("global"));
        assertEquals(1, governor.stats().rateLimitedCount("shared"));
        assertEquals(2, governor.snapshot().invalidInWindow(), "a shared-scope 429 does not count toward the ban");
    }

    @Test
    void theBreakerShedsTheLowestPriorityFirst() {
        for (int i = 0; i < 10; i++) {
            answer(go(CALLBACK, "i" + i, Priority.INTERACTION), i % 2 == 0 ? 401 : 403, Map.of());
        }
        assertEquals(1, governor.snapshot().breakerState());
        assertTrue(governor.admit(POST, "1", Priority.OUTBOX).shed(), "outbox shed at the threshold");
        assertNotNull(governor.admit(POST, "2", Priority.SETUP).permit(), "setup still goes");

        governor.remoteInvalid("other-worker", InvalidRequests.minute(now.get()), 10);
        assertEquals(20, governor.snapshot().invalidInWindow(), "the whole cluster counts");
        assertTrue(governor.admit(POST, "3", Priority.SETUP).shed(), "setup shed at twice the threshold");
        assertNotNull(governor.admit(CALLBACK, "x", Priority.INTERACTION).permit(), "interactions never");
        assertEquals(1, governor.stats().shedCount(Priority.OUTBOX));

        now.addAndGet(11 * InvalidRequests.SLOT_MILLIS);
        assertEquals(0, governor.snapshot().invalidInWindow(), "ten minutes later the window is empty");
        assertNotNull(governor.admit(POST, "1", Priority.OUTBOX).permit());
    }

    @Test
    void whatPeersShareIsHonoured() {
        governor.remoteLearned(POST, "h", 5);
        governor.remoteBlocked("h:5", now.get() + 700);
        assertEquals(700, governor.admit(POST, "5", Priority.OUTBOX).waitMillis(), "no request before the peer's reset");
        governor.remoteBlocked(RestGovernor.GLOBAL, now.get() + 900);
        assertEquals(900, governor.admit(POST, "6", Priority.OUTBOX).waitMillis());
        governor.remoteBlocked("h:7", now.get() - 1);
        assertFalse(governor.admit(CALLBACK, "7", Priority.INTERACTION).shed());
    }

    @Test
    void theGlobalShareFollowsTheLiveProcesses() {
        RecordingLink three = new RecordingLink(3);
        RestGovernor shared = new RestGovernor(50, new Breaker(10), three, now::get, "me");
        for (int i = 0; i < 16; i++) {
            assertNotNull(shared.admit(POST, "c" + i, Priority.OUTBOX).permit());
        }
        assertNull(shared.admit(POST, "c99", Priority.OUTBOX).permit(), "50 / 3 processes = 16 a second");
        assertEquals(16, shared.snapshot().globalShare());
    }

    @Test
    void anAbandonedRequestFreesItsBucket() {
        Permit permit = go(POST, "1", Priority.OUTBOX);
        governor.abandoned(permit);
        assertNotNull(governor.admit(POST, "1", Priority.OUTBOX).permit());
    }

    private Permit go(String route, String major, Priority priority) {
        Admission admission = governor.admit(route, major, priority);
        assertNotNull(admission.permit(), () -> "expected to go: " + admission);
        return admission.permit();
    }

    private void answer(Permit permit, int status, Map<String, String> headers) {
        answer(permit, status, headers, 0);
    }

    private void answer(Permit permit, int status, Map<String, String> headers, long retryAfter) {
        Map<String, String> copy = new HashMap<>(headers);
        UnaryOperator<String> lookup = copy::get;
        governor.answered(permit, status, lookup, retryAfter);
    }

    private static Map<String, String> bucket(String hash, int limit, int remaining, String resetAfter) {
        return Map.of("X-RateLimit-Bucket", hash, "X-RateLimit-Limit", Integer.toString(limit),
                "X-RateLimit-Remaining", Integer.toString(remaining), "X-RateLimit-Reset-After", resetAfter);
    }
}

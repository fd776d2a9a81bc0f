package io.guildflow.gateway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.api.Acknowledgement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two gateways on the same shards: one acknowledgement between them, and a gateway alone does not wait to agree. */
class AckGuardPeersTest extends GuardTestBase {
    @Test
    void aGatewayThatAcknowledgesTellsTheOthers() throws Exception {
        guard.watch(envelope("1", 2, Instant.now()));
        assertTrue(guard.awaitIdle(Duration.ofSeconds(5)));
        assertEquals(List.of("1"), told);
    }

    @Test
    void aSecondGatewayStandsByAndSendsNothingOnceTheFirstAcknowledged() throws Exception {
        guard.close();
        guard = guard(10, LONG_DEADLINE, (id, token, response) -> record(id, response));
        guard.watch(envelope("1", 2, Instant.now()));
        guard.published("1", true); // another gateway's publish was stored first
        guard.acknowledgedElsewhere("1");

        assertEquals(0, guard.watched());
        assertTrue(sent.isEmpty());
        assertTrue(told.isEmpty());
        assertEquals(1.0, count("handed_over"));
    }

    @Test
    void aStandingByGatewayAcknowledgesWhenTheFirstNeverSaysItDid() throws Exception {
        guard.watch(envelope("1", 2, Instant.now()));
        guard.published("1", true);
        assertTrue(guard.awaitIdle(Duration.ofSeconds(10)), "the first gateway may have died: still acknowledged");
        assertEquals(DEFERRED_MESSAGE, sent.get("1").path("type").asInt());
    }

    @Test
    void anAcknowledgementDueAtReceiptIsLeftToTheGatewayThatPublishedFirst() throws Exception {
        guard.close();
        guard = guard(100, LONG_DEADLINE, (id, token, response) -> record(id, response));
        guard.acknowledgedElsewhere("earlier"); // word from another gateway: this one is not alone on the shard
        for (int i = 1; i <= AckGuard.UNPROVEN_WAITING + 1; i++) {
            guard.watch(envelope(Integer.toString(i), 2, Instant.now()));
        }
        assertEquals(1.0, count("at_receipt"));
        String atReceipt = Integer.toString(AckGuard.UNPROVEN_WAITING + 1);
        guard.published(atReceipt, true);
        guard.acknowledgedElsewhere(atReceipt);
        for (int i = 1; i <= AckGuard.UNPROVEN_WAITING; i++) {
            guard.standDown(Integer.toString(i));
        }

        assertEquals(0, guard.watched());
        assertTrue(sent.isEmpty(), "the first gateway acknowledged it: " + sent.keySet());
    }

    @Test
    void aGatewayAloneAcknowledgesAtReceiptAndLearnsOfASecondOneFromItsFirstDuplicate() throws Exception {
        guard.close();
        policy = new StandInPolicy(Map.of("run", Acknowledgement.publicReply().immediately()), Map.of(), Map.of());
        guard = guard(10, LONG_DEADLINE, (id, token, response) -> record(id, response));
        guard.watch(envelope("1", 2, Instant.now(), "\"name\":\"run\""));
        assertTrue(guard.awaitIdle(Duration.ofSeconds(5)));
        assertEquals(Set.of("1"), sent.keySet(), "nobody to agree with: acknowledged without JetStream's word");

        guard.published("1", true); // a second gateway, started meanwhile, had its copy stored first
        guard.watch(envelope("2", 2, Instant.now(), "\"name\":\"run\""));
        guard.published("2", true);
        guard.acknowledgedElsewhere("2");
        assertEquals(0, guard.watched());
        assertEquals(Set.of("1"), sent.keySet(), "now left to the gateway that published first");
        assertEquals(2.0, count("at_receipt"));
    }

    @Test
    void wordFromAnotherGatewayBeforeTheDispatchArrivesHereMeansNothingIsWatched() throws Exception {
        guard.acknowledgedElsewhere("1");
        guard.watch(envelope("1", 2, Instant.now()));

        assertEquals(0, guard.watched());
        assertTrue(guard.awaitIdle(Duration.ofSeconds(1)));
        assertTrue(sent.isEmpty());
    }
}

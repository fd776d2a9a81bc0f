package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.ConsumerPolicy;
import io.guildflow.common.nats.ConsumerProvisioner;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.api.ConsumerConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The gateway (or setup) owns the shared consumer's configuration; a worker creates it only when it is missing. */
class ConsumerOwnershipIT {
    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    @Test
    void aWorkerWithOtherSettingsKeepsTheProvisionedConsumerAndStillConsumes() throws Exception {
        StreamProvisioner owner = new StreamProvisioner(env.topology());
        owner.ensureStreams(env.admin());
        new ConsumerProvisioner(env.topology())
                .createOrUpdate(env.admin(), new ConsumerPolicy(Duration.ofSeconds(30), 2000));

        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", HandlerCatalog.of(new TestPing()), discord, TestEnvironment.fastSettings()); // ackWait 2 s
        InteractionEnvelope envelope = TestEnvironment.command("ping");
        env.publish(envelope, envelope.interactionId());
        await("answered", () -> !discord.sentFor(envelope.interactionId()).isEmpty());

        ConsumerConfiguration actual = consumer();
        assertEquals(Duration.ofSeconds(30), actual.getAckWait(), "the owner's ackWait stays");
        assertEquals(2000, actual.getMaxAckPending());
    }

    @Test
    void theFirstWorkerCreatesAMissingConsumerWithItsSettings() throws Exception {
        env.worker("a", HandlerCatalog.of(new TestPing()), new RecordingResponder("a"), TestEnvironment.fastSettings());
        assertEquals(Duration.ofSeconds(2), consumer().getAckWait());
        assertEquals(-1, consumer().getMaxDeliver(), "the worker itself dead-letters at MAX_DELIVER");
    }

    private ConsumerConfiguration consumer() throws Exception {
        return env.admin().jetStreamManagement().getConsumerInfo(env.topology().streamName(),
                env.topology().consumerName()).getConsumerConfiguration();
    }
}

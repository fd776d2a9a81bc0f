package io.guildflow.common.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.InteractionKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {
    private final Topology topology = new Topology("Staging-EU");

    @Test
    void namesCarryTheEnvironment() {
        assertEquals("GUILDFLOW_STAGING_EU", topology.streamName());
        assertEquals("GUILDFLOW_STAGING_EU_DLQ", topology.deadLetterStreamName());
        assertEquals("staging-eu-workers", topology.consumerName());
        assertEquals(List.of("gf.staging-eu.guild.*.*", "gf.staging-eu.dm.*.*", "gf.staging-eu.lifecycle.*"),
                topology.streamSubjects());
        assertEquals("gf.staging-eu.acked.123", topology.ackedSubject("123"));
        assertEquals("gf.staging-eu.dlq.modal", topology.deadLetterSubject(InteractionKind.MODAL));
        // a bucket name allows no '-' (the sample NATS configuration grants its stream KV_<bucket> by name)
        assertEquals("gf_staging_eu_posts", topology.postsBucket());
    }

    @Test
    void gatewayEventsHaveAStreamSubjectsAndAConsumerPerPartitionOfTheirOwn() {
        assertEquals("GUILDFLOW_STAGING_EU_EVENTS", topology.eventStreamName());
        assertEquals("GUILDFLOW_STAGING_EU_EVENTS_DLQ", topology.eventDeadLetterStreamName());
        assertEquals("gf.staging-eu.guild.42.event.message_create.3",
                topology.eventSubject(io.guildflow.common.event.EventScope.guild("42"), "MESSAGE_CREATE", 3));
        assertEquals(List.of("gf.staging-eu.guild.*.event.*.*", "gf.staging-eu.dm.*.event.*.*"),
                topology.eventStreamSubjects());
        assertEquals("gf.staging-eu.guild.*.event.*.3", topology.eventPartitionSubjects("guild", 3));
        assertEquals("gf.staging-eu.dm.*.event.*.3", topology.eventPartitionSubjects("dm", 3));
        assertEquals("staging-eu-event-workers-3", topology.eventConsumerName("guild", 3));
        assertEquals("staging-eu-event-workers-dm-3", topology.eventConsumerName("dm", 3));
        assertEquals("gf.staging-eu.event-dlq.message_create", topology.eventDeadLetterSubject("MESSAGE_CREATE"));
        // an event subject never falls into the interaction stream's subjects, which JetStream would refuse
        assertFalse(topology.eventSubject(io.guildflow.common.event.EventScope.guild("42"), "X", 0)
                .matches("gf\\.staging-eu\\.guild\\.[^.]+\\.[^.]+"));
    }

    @Test
    void guildAndDirectMessageSubjects() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        InteractionEnvelope inGuild = InteractionEnvelope.fromDiscord(mapper.readTree(
                "{\"id\":\"1\",\"type\":2,\"token\":\"t\",\"guild_id\":\"42\",\"member\":{\"user\":{\"id\":\"5\"}}}"),
                Instant.EPOCH, 0);
        InteractionEnvelope inDm = InteractionEnvelope.fromDiscord(mapper.readTree(
                "{\"id\":\"2\",\"type\":4,\"token\":\"t\",\"user\":{\"id\":\"6\"}}"), Instant.EPOCH, 0);
        assertEquals("gf.staging-eu.guild.42.command", topology.interactionSubject(inGuild));
        assertEquals("gf.staging-eu.dm.6.autocomplete", topology.interactionSubject(inDm));
    }

    @Test
    void guildLifecycleHasASubjectFamilyOfItsOwn() {
        assertEquals("gf.staging-eu.lifecycle.42", topology.lifecycleSubject("42"));
        assertTrue(topology.isLifecycleSubject("gf.staging-eu.lifecycle.42"));
        assertTrue(topology.isLifecycleSubject("gf.staging-eu.guild.42.lifecycle"), "as versions before published it");
        assertFalse(topology.isLifecycleSubject("gf.staging-eu.guild.42.command"));
        assertFalse(topology.isLifecycleSubject("gf.staging-eu.guild.42.unknown"));
        assertFalse(topology.isLifecycleSubject("gf.other.lifecycle.42"), "another environment's");
    }

    @Test
    void deadLettersKeepTheFamilyAndKindOfTheirSubject() {
        assertEquals("gf.staging-eu.dlq.component", topology.deadLetterSubjectOf("gf.staging-eu.guild.1.component"));
        assertEquals("gf.staging-eu.dlq.command", topology.deadLetterSubjectOf("gf.staging-eu.dm.6.command"));
        assertEquals("gf.staging-eu.dlq.unknown", topology.deadLetterSubjectOf("gf.staging-eu.guild.1.unknown"));
        assertEquals("gf.staging-eu.dlq.unknown", topology.deadLetterSubjectOf("gf.staging-eu.guild.1.weird"));
        assertEquals("gf.staging-eu.dlq.lifecycle", topology.deadLetterSubjectOf("gf.staging-eu.lifecycle.1"));
        assertEquals("gf.staging-eu.dlq.lifecycle", topology.deadLetterSubjectOf("gf.staging-eu.guild.1.lifecycle"));
    }
}

package io.guildflow.common.nats;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.InteractionKind;
import java.util.List;
import java.util.Locale;

/**
 * Every NATS name of one environment, derived in one place so that two environments on one NATS
 * never see each other's streams, subjects or consumers.
 *
 * <pre>
 * stream   GUILDFLOW_&lt;ENV&gt;        subjects gf.&lt;env&gt;.guild.&lt;guildId&gt;.&lt;kind&gt;, gf.&lt;env&gt;.dm.&lt;userId&gt;.&lt;kind&gt;
 * consumer &lt;env&gt;-workers         durable, shared by every worker of the environment
 * signal   gf.&lt;env&gt;.acked.&lt;interactionId&gt;  (core NATS: a worker answered, the gateway's guard stands down)
 * dlq      GUILDFLOW_&lt;ENV&gt;_DLQ    subjects gf.&lt;env&gt;.dlq.&lt;kind&gt;
 * kv       gf_&lt;env&gt;_identify     IDENTIFY leases per rate-limit bucket (shard sets)
 * </pre>
 * Both streams keep {@code streamReplicas} copies (STREAM_REPLICAS: 3 on a 3-node NATS cluster).
 */
public record Topology(String environment, int streamReplicas) {
    public static final String HEADER_MESSAGE_ID = "Nats-Msg-Id";
    public static final String HEADER_GUILD = "Gf-Guild";
    public static final String HEADER_DLQ_REASON = "Gf-Dlq-Reason";
    public static final String HEADER_DELIVERY_COUNT = "Gf-Delivery-Count";
    public static final String HEADER_ORIGINAL_SUBJECT = "Gf-Original-Subject";

    public Topology {
        environment = environment.toLowerCase(Locale.ROOT);
        if (streamReplicas < 1) {
            throw new IllegalArgumentException("a stream needs at least one replica, not " + streamReplicas);
        }
    }

    /** One copy of each stream: a single NATS server. */
    public Topology(String environment) {
        this(environment, 1);
    }

    public String streamName() {
        return "GUILDFLOW_" + upper();
    }

    public String deadLetterStreamName() {
        return streamName() + "_DLQ";
    }

    public String subjectPrefix() {
        return "gf." + environment;
    }

    public List<String> streamSubjects() {
        return List.of(subjectPrefix() + ".guild.>", subjectPrefix() + ".dm.>");
    }

    public String interactionSubject(InteractionEnvelope envelope) {
        return envelope.guildId()
                .map(guild -> guildSubject(guild, envelope.kind()))
                .orElseGet(() -> dmSubject(envelope.userId(), envelope.kind()));
    }

    public String guildSubject(String guildId, InteractionKind kind) {
        return subjectPrefix() + ".guild." + guildId + "." + kind.subjectToken();
    }

    public String dmSubject(String userId, InteractionKind kind) {
        return subjectPrefix() + ".dm." + userId + "." + kind.subjectToken();
    }

    public String ackedSubject(String interactionId) {
        return subjectPrefix() + ".acked." + interactionId;
    }

    public String deadLetterSubject(InteractionKind kind) {
        return subjectPrefix() + ".dlq." + kind.subjectToken();
    }

    public String deadLetterSubjects() {
        return subjectPrefix() + ".dlq.>";
    }

    /** NATS key-value bucket pacing IDENTIFY across the gateways of a shard-set deployment. */
    public String identifyLeaseBucket() {
        return "gf_" + environment.replace('-', '_') + "_identify";
    }

    public String consumerName() {
        return environment + "-workers";
    }

    private String upper() {
        // Stream names allow '-' but the convention for ours is upper snake case.
        return environment.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}

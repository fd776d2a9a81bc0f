package io.guildflow.common.nats;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.event.EventScope;
import io.guildflow.common.envelope.InteractionKind;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Every NATS name of one environment, derived in one place so that two environments on one NATS
 * never see each other's streams, subjects or consumers.
 *
 * <pre>
 * stream   GUILDFLOW_&lt;ENV&gt;        subjects gf.&lt;env&gt;.guild.&lt;guildId&gt;.&lt;kind&gt;, gf.&lt;env&gt;.dm.&lt;userId&gt;.&lt;kind&gt;
 *                                  (interactions), gf.&lt;env&gt;.lifecycle.&lt;guildId&gt; (guild joins and removals)
 * consumer &lt;env&gt;-workers         durable, shared by every worker of the environment
 * signal   gf.&lt;env&gt;.acked.&lt;interactionId&gt;  (core NATS: a worker answered, the gateway's guard stands down)
 * dlq      GUILDFLOW_&lt;ENV&gt;_DLQ    subjects gf.&lt;env&gt;.dlq.&lt;kind&gt;, gf.&lt;env&gt;.dlq.lifecycle
 * kv       gf_&lt;env&gt;_identify     IDENTIFY leases per rate-limit bucket (shard sets)
 * kv       gf_&lt;env&gt;_posts        where Discord put each post the outbox sent (channel and message id), for replay
 * events   GUILDFLOW_&lt;ENV&gt;_EVENTS subjects gf.&lt;env&gt;.guild.&lt;guildId&gt;.event.&lt;type&gt;.&lt;partition&gt;,
 *                                  gf.&lt;env&gt;.dm.&lt;userId&gt;.event.&lt;type&gt;.&lt;partition&gt; (gateway events)
 * consumer &lt;env&gt;-event-workers-&lt;partition&gt;, &lt;env&gt;-event-workers-dm-&lt;partition&gt;  one durable per partition and scope kind, one event in flight each
 * dlq      GUILDFLOW_&lt;ENV&gt;_EVENTS_DLQ subjects gf.&lt;env&gt;.event-dlq.&lt;type&gt;
 * </pre>
 * Both streams keep {@code streamReplicas} copies (STREAM_REPLICAS: 3 on a 3-node NATS cluster). The interaction
 * stream's two operator settings travel with its names, as every process that provisions it has the topology at hand.
 *
 * @param environment    {@code ENVIRONMENT}, lower-cased: it lands in stream names, subjects and consumer names
 * @param streamReplicas {@code STREAM_REPLICAS}
 * @param streamMaxAge   {@code STREAM_MAX_AGE}: how long the interaction stream keeps an event, the window a
 *                       {@code replay} after a database restore can reach back (docs/operations.md, "Back up and
 *                       restore"); the gateway and {@code setup} apply a changed value to the existing stream
 */
public record Topology(String environment, int streamReplicas, Duration streamMaxAge) {
    public static final String DEFAULT_ENVIRONMENT = "development";
    /** A daily backup plus a day's margin: events since the last backup are still there when it is restored. */
    public static final Duration DEFAULT_STREAM_MAX_AGE = Duration.ofHours(48);
    /**
     * An interaction must outlive its token (15 minutes) and a short outage of every worker; an hour was the fixed
     * age before the replay window became a setting.
     */
    public static final Duration MIN_STREAM_MAX_AGE = Duration.ofHours(1);
    /** JetStream keeps at most 5 copies of a stream. */
    public static final int MAX_REPLICAS = 5;
    public static final String HEADER_MESSAGE_ID = "Nats-Msg-Id";
    public static final String HEADER_GUILD = "Gf-Guild";
    public static final String HEADER_DLQ_REASON = "Gf-Dlq-Reason";
    public static final String HEADER_DELIVERY_COUNT = "Gf-Delivery-Count";
    public static final String HEADER_ORIGINAL_SUBJECT = "Gf-Original-Subject";
    private static final String LIFECYCLE_TOKEN = "lifecycle";

    public Topology {
        String lower = environment.toLowerCase(Locale.ROOT);
        // No dots, wildcards or spaces: they would change what a subject or stream name means.
        if (!lower.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            throw ConfigException.invalid("ENVIRONMENT", environment,
                    "1-32 letters, digits, '-' or '_', starting with a letter or digit (e.g. production)");
        }
        environment = lower;
        if (streamReplicas < 1 || streamReplicas > MAX_REPLICAS) {
            throw ConfigException.invalid("STREAM_REPLICAS", String.valueOf(streamReplicas),
                    "1 to " + MAX_REPLICAS + " (3 on a 3-node NATS cluster)");
        }
        if (streamMaxAge.compareTo(MIN_STREAM_MAX_AGE) < 0) {
            throw ConfigException.invalid("STREAM_MAX_AGE", streamMaxAge.toString(), MAX_AGE_EXPECTED);
        }
    }

    private static final String MAX_AGE_EXPECTED = "at least 1h: an interaction must outlive its 15-minute token and"
            + " a short outage of every worker (48h, the default, covers a daily backup with a day's margin)";

    public static Topology from(EnvironmentValues values) {
        return new Topology(values.string("ENVIRONMENT", DEFAULT_ENVIRONMENT), values.positiveInt("STREAM_REPLICAS", 1),
                values.duration("STREAM_MAX_AGE", DEFAULT_STREAM_MAX_AGE, MIN_STREAM_MAX_AGE,
                        ChronoUnit.FOREVER.getDuration(), MAX_AGE_EXPECTED));
    }

    /** One copy of each stream: a single NATS server. */
    public Topology(String environment) {
        this(environment, 1);
    }

    /** The interaction stream keeping events {@link #DEFAULT_STREAM_MAX_AGE}. */
    public Topology(String environment, int streamReplicas) {
        this(environment, streamReplicas, DEFAULT_STREAM_MAX_AGE);
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

    /**
     * Exactly five tokens under guild and dm ({@code gf.<env>.guild.<id>.<kind>}), not {@code guild.>}: the
     * gateway-event subjects {@code gf.<env>.guild.<id>.event.<type>} (six tokens) belong to a stream of their
     * own, and JetStream refuses two streams whose subjects overlap. An existing stream gets these subjects
     * when its owner next provisions it ({@code StreamProvisioner#ensureStreams} updates the configuration).
     */
    public List<String> streamSubjects() {
        return List.of(subjectPrefix() + ".guild.*.*", subjectPrefix() + ".dm.*.*",
                subjectPrefix() + "." + LIFECYCLE_TOKEN + ".*");
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

    /** A guild join or removal ({@code GuildLifecycleEnvelope}): a family of its own, not an interaction kind. */
    public String lifecycleSubject(String guildId) {
        return subjectPrefix() + "." + LIFECYCLE_TOKEN + "." + guildId;
    }

    /**
     * Whether a message of the stream is a lifecycle event. Also true for {@code gf.<env>.guild.<id>.lifecycle},
     * where versions before the lifecycle family published them: such events may still sit in the stream (an
     * hour's retention) or come from a gateway not yet upgraded during a rollout.
     */
    public boolean isLifecycleSubject(String subject) {
        return subject.startsWith(subjectPrefix() + "." + LIFECYCLE_TOKEN + ".")
                || subject.startsWith(subjectPrefix() + ".guild.") && subject.endsWith("." + LIFECYCLE_TOKEN);
    }

    public String ackedSubject(String interactionId) {
        return subjectPrefix() + ".acked." + interactionId;
    }

    /** Core NATS, not stored: a guild's configuration changed, every worker drops its cached copy. */
    public String configSubject(String guildId) {
        return subjectPrefix() + ".config." + guildId;
    }

    public String configSubjects() {
        return subjectPrefix() + ".config.*";
    }

    public String deadLetterSubject(InteractionKind kind) {
        return subjectPrefix() + ".dlq." + kind.subjectToken();
    }

    public String lifecycleDeadLetterSubject() {
        return subjectPrefix() + ".dlq." + LIFECYCLE_TOKEN;
    }

    /**
     * Where a message of the stream goes when it is dead-lettered, read from its subject alone (its body
     * may be what could not be read): lifecycle events to {@link #lifecycleDeadLetterSubject()}, an
     * interaction to its kind's, and a subject naming no kind to {@code unknown}'s.
     */
    public String deadLetterSubjectOf(String subject) {
        if (isLifecycleSubject(subject)) {
            return lifecycleDeadLetterSubject();
        }
        String last = subject.substring(subject.lastIndexOf('.') + 1);
        return deadLetterSubject(InteractionKind.ofSubjectToken(last).orElse(InteractionKind.UNKNOWN));
    }

    public String deadLetterSubjects() {
        return subjectPrefix() + ".dlq.>";
    }

    /** NATS key-value bucket recording which bot version registered which commands (stream KV_&lt;bucket&gt;). */
    public String commandRegistrationBucket() {
        return "GUILDFLOW_" + upper() + "_COMMANDS";
    }

    /** NATS key-value bucket pacing IDENTIFY across the gateways of a shard-set deployment. */
    public String identifyLeaseBucket() {
        return "gf_" + environment.replace('-', '_') + "_identify";
    }

    /** NATS key-value bucket holding the bot's shared REST budget: learned route buckets, blocks, invalid requests. */
    public String restBucket() {
        return "gf_" + environment.replace('-', '_') + "_rest";
    }

    /**
     * NATS key-value bucket of the posts the outbox delivered: each one's channel and message id, written by the
     * workers, read by {@code replay} after a database restore lost the rows that held them.
     */
    public String postsBucket() {
        return "gf_" + environment.replace('-', '_') + "_posts";
    }

    /** Core NATS subject of the REST governor's {@code signal} for one bot (a hash of its token, never the token). */
    public String restSubject(String tokenKey, String signal) {
        return subjectPrefix() + ".rest." + tokenKey + "." + signal;
    }

    public String consumerName() {
        return environment + "-workers";
    }

    public String eventStreamName() {
        return streamName() + "_EVENTS";
    }

    public String eventDeadLetterStreamName() {
        return eventStreamName() + "_DLQ";
    }

    /**
     * Seven tokens: the design's {@code gf.<env>.guild.<id>.event.<type>} plus the partition, which the gateway
     * computes ({@link EventScope#partition}) because NATS before 2.10 cannot hash a subject into partitions. A
     * subscriber to {@code gf.<env>.guild.<id>.event.>} still sees all of a guild's events.
     */
    public String eventSubject(EventScope scope, String dispatchType, int partition) {
        return subjectPrefix() + "." + scope.kind() + "." + scope.id() + ".event." + EventScope.typeToken(dispatchType)
                + "." + partition;
    }

    public List<String> eventStreamSubjects() {
        return List.of(subjectPrefix() + ".guild.*.event.*.*", subjectPrefix() + ".dm.*.event.*.*");
    }

    /**
     * What the consumer of partition {@code partition} for scope kind {@code kind} ({@code guild} or {@code dm}) takes
     * from the event stream. One filter per kind: NATS before 2.10 accepts a consumer's filter only inside one of
     * the stream's subjects, and a filter spanning both kinds ({@code gf.<env>.*.*.event.*.<p>}) is refused (10093).
     */
    public String eventPartitionSubjects(String kind, int partition) {
        return subjectPrefix() + "." + kind + ".*.event.*." + partition;
    }

    /** {@code <env>-event-workers-<p>} for guilds' events, {@code <env>-event-workers-dm-<p>} for direct messages'. */
    public String eventConsumerName(String kind, int partition) {
        return environment + "-event-workers-" + (EventScope.GUILD.equals(kind) ? "" : kind + "-") + partition;
    }

    /** Read from the dispatch type alone: a dead letter's body may be what could not be read. */
    public String eventDeadLetterSubject(String dispatchType) {
        return subjectPrefix() + ".event-dlq." + EventScope.typeToken(dispatchType);
    }

    public String eventDeadLetterSubjects() {
        return subjectPrefix() + ".event-dlq.>";
    }

    private String upper() {
        // Stream names allow '-' but the convention for ours is upper snake case.
        return environment.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}

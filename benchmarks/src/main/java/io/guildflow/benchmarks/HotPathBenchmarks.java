package io.guildflow.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.Topology;
import io.guildflow.example.PingCommand;
import io.guildflow.gateway.ingress.ParsedPayloads;
import io.guildflow.worker.dispatch.Dispatcher;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-interaction work of the gateway (Discord JSON → envelope → bytes, subject) and of the worker (bytes →
 * envelope → handler → response body), without I/O. The payload is a slash command as Discord documents it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmarks {
    private final ObjectMapper mapper = new ObjectMapper();
    private final EnvelopeCodec codec = new EnvelopeCodec(mapper);
    private final Topology topology = new Topology("bench");
    private final Dispatcher dispatcher = new Dispatcher(HandlerCatalog.of(new PingCommand()), Clock.systemUTC());
    private final ParsedPayloads payloads = new ParsedPayloads(mapper);
    private DataObject parsedByJda;
    private InteractionEnvelope envelope;
    private byte[] encoded;

    @Setup
    public void load() throws IOException {
        try (InputStream in = HotPathBenchmarks.class.getResourceAsStream("/interaction-create.json")) {
            parsedByJda = DataObject.fromJson(in);
        }
        envelope = gatewayParse();
        encoded = codec.encode(envelope);
    }

    /** Gateway: the INTERACTION_CREATE {@code d} JDA parsed to an envelope (what InteractionIngress does). */
    @Benchmark
    public InteractionEnvelope gatewayParse() {
        return InteractionEnvelope.fromDiscord(payloads.tree(parsedByJda.toMap()), Clock.systemUTC().instant(), 0);
    }

    /** The same the way the ingress did it before: JDA's parse written back to JSON and parsed again. */
    @Benchmark
    public InteractionEnvelope gatewayParseViaJson() throws IOException {
        JsonNode interaction = mapper.readTree(parsedByJda.toJson());
        return InteractionEnvelope.fromDiscord(interaction, Clock.systemUTC().instant(), 0);
    }

    /** Gateway: envelope to the bytes published on JetStream. */
    @Benchmark
    public byte[] envelopeEncode() {
        return codec.encode(envelope);
    }

    /** Worker: the bytes from JetStream back to an envelope. */
    @Benchmark
    public InteractionEnvelope envelopeDecode() {
        return codec.decode(encoded);
    }

    /** Gateway: the subject an interaction is published on. */
    @Benchmark
    public String subject() {
        return topology.interactionSubject(envelope);
    }

    /** Worker: routing, context, the /ping handler and its response body (no transaction: /ping uses none). */
    @Benchmark
    public ResponseBodies dispatchPing() throws Exception {
        return dispatcher.dispatch(envelope, null).response();
    }

    /** Gateway and worker together: everything one interaction costs in CPU outside I/O. */
    @Benchmark
    public ResponseBodies wholePath() throws Exception {
        InteractionEnvelope parsed = gatewayParse();
        topology.interactionSubject(parsed);
        InteractionEnvelope received = codec.decode(codec.encode(parsed));
        return dispatcher.dispatch(received, null).response();
    }
}

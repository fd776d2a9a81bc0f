package io.guildflow.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.nats.Topology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every interaction's path through the gateway (JDA's parse of the frame, envelope, subject, encode) on a
 * sample before the first shard connects, so classes are loaded and the JIT has compiled it when
 * {@code /ready} turns 200: the first real interactions do not pay for it. Nothing is published.
 */
public final class IngressWarmup {
    private static final Logger log = LoggerFactory.getLogger(IngressWarmup.class);
    private static final int ITERATIONS = 3_000;
    private static final byte[] SAMPLE = """
            {"id":"1574152341836267521","application_id":"1573789909913698304","type":2,
             "token":"aW50ZXJhY3Rpb246d2FybXVw","version":1,"guild_id":"1573789910056304641",
             "channel_id":"1574152299087921153","locale":"en-US","guild_locale":"en-US",
             "channel":{"id":"1574152299087921153","type":0,"name":"general","guild_id":"1573789910056304641"},
             "guild":{"id":"1573789910056304641","locale":"en-US","features":[]},
             "member":{"user":{"id":"1574152298106454016","username":"warmup","discriminator":"0",
             "global_name":"Warm Up","avatar":null},"roles":[],"permissions":"2248473465835073",
             "joined_at":"2026-11-22T19:59:24.630000+00:00","deaf":false,"mute":false,"flags":0},
             "app_permissions":"2248473465835073","entitlements":[],"authorizing_integration_owners":{"0":"1573789910056304641"},
             "context":0,"data":{"id":"1573789910123413504","name":"ping","type":1,"options":[]}}
            """.getBytes(StandardCharsets.UTF_8);

    private IngressWarmup() {
    }

    /** @return how many sample envelopes went the whole way */
    public static int run(Topology topology, Clock clock) {
        long start = System.nanoTime();
        EnvelopeCodec codec = new EnvelopeCodec();
        long[] bytes = new long[1];
        int[] envelopes = new int[1];
        InteractionIngress ingress = new InteractionIngress(new ObjectMapper(), clock, envelope -> {
            bytes[0] += topology.interactionSubject(envelope).length() + codec.encode(envelope).length;
            envelopes[0]++;
        }, new SimpleMeterRegistry());
        for (int i = 0; i < ITERATIONS; i++) {
            ingress.accept(DataObject.fromJson(SAMPLE), 0);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.debug("ingress warmed up with {} sample interactions ({} bytes) in {} ms", ITERATIONS, bytes[0],
                took.toMillis());
        return envelopes[0];
    }
}

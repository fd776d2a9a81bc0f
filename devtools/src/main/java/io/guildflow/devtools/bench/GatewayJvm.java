package io.guildflow.devtools.bench;

import java.util.List;

/**
 * How the image's entrypoint ({@code docker/entrypoint.sh}) runs the gateway's JVM, for the gateways {@code bench} and
 * the end-to-end tests start as processes of their own: C1 only, so its JIT does not take the CPU the workers need in
 * the first minute (docs/performance.md, "Cold start").
 */
public final class GatewayJvm {
    public static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private GatewayJvm() {
    }
}

package io.guildflow.gateway.shard;

import java.net.URI;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * Keeps Discord's shard recommendation (from {@code GET gateway/bot}) but connects to
 * {@code DISCORD_GATEWAY_URL}: JDA's shard manager asks its session controller for both at once.
 */
final class GatewayUrlOverride extends SessionControllerAdapter {
    private final String gatewayUrl;

    GatewayUrlOverride(URI gatewayUrl) {
        this.gatewayUrl = gatewayUrl.toString();
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        ShardedGateway recommended = super.getShardedGateway(api);
        return new ShardedGateway(gatewayUrl, recommended.getShardTotal(), recommended.getConcurrency());
    }
}

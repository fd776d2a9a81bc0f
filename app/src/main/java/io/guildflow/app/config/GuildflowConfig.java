package io.guildflow.app.config;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.config.Secret;
import io.guildflow.common.discord.DiscordSettings;
import io.guildflow.common.discord.governor.GovernorSettings;
import io.guildflow.common.nats.NatsSettings;
import io.guildflow.common.telemetry.TelemetrySettings;
import io.guildflow.gateway.GatewaySettings;
import io.guildflow.worker.WorkerSettings;
import java.util.Map;

/**
 * Every setting of a Guildflow process, read once from the environment (README.md's "Configuration" lists them), in
 * one section per owner: each section is a record of the module that uses it, which reads its own variables with
 * their defaults named beside them and checks them. A bad value stops the process with one line and exit code 2.
 * What a role requires but may be absent elsewhere (token, database) is checked by {@link #validateForMode()} when
 * that role starts, so each mode asks only for what it uses.
 *
 * @param process   app: the mode, health address, shutdown time, a worker's CPU priority, the bot's version
 * @param telemetry common: logs, Loki, traces
 * @param nats      common: the NATS servers and this environment's names on them
 * @param discord   common: the bot's token and ids, Discord's REST base
 * @param gateway   gateway: the shards, the acknowledgement guard, publishing
 * @param worker    worker: PostgreSQL, consuming, interaction transactions, the ledger's retention
 */
public record GuildflowConfig(ProcessSettings process, TelemetrySettings telemetry, NatsSettings nats,
                              DiscordSettings discord, GovernorSettings governor, GatewaySettings gateway,
                              WorkerSettings worker) {

    public static GuildflowConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static GuildflowConfig fromEnvironment(Map<String, String> env) {
        EnvironmentValues values = new EnvironmentValues(env);
        NatsSettings nats = NatsSettings.from(values);
        return new GuildflowConfig(ProcessSettings.from(values), TelemetrySettings.from(values),
                nats, DiscordSettings.from(values), GovernorSettings.from(values), GatewaySettings.from(values),
                WorkerSettings.from(values, nats.longestStreamAge()));
    }

    /** The {@code ENVIRONMENT} this process serves (lower case). */
    public String environment() {
        return nats.topology().environment();
    }

    public Secret requireDiscordToken() {
        return discord.requireToken(process.mode().label() + " mode");
    }

    public DatabaseSettings requireDatabase() {
        return worker.database().orElseThrow(() -> ConfigException.missing("DATABASE_URL", DatabaseSettings.EXPECTED
                + " (required in " + process.mode().label() + " mode), or DATABASE_URL_FILE naming a file that holds it"));
    }

    /** Fails at start-up, not at first use, so a bad deployment is caught by its rollout. */
    public GuildflowConfig validateForMode() {
        if (process.mode().runsGateway()) {
            requireDiscordToken();
        }
        if (process.mode().runsWorker()) {
            // No bot token required: answers use each interaction's own token. Only the outbox (discord()
            // posts and edits) calls as the bot, so a bot that posts nothing runs without it (WorkerRole warns).
            requireDatabase();
        }
        return this;
    }

    /** Hides what may be secret: NATS_URL can carry a password or token. */
    @Override
    public String toString() {
        return "GuildflowConfig[mode=" + process.mode().label() + ", environment=" + environment() + ", nats="
                + nats.servers().describe() + ", database=" + worker.database().map(DatabaseSettings::describe)
                .orElse("none") + "]";
    }
}

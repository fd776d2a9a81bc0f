package io.guildflow.testkit.jda;

import io.guildflow.testkit.DiscordEmulator;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/** Points the real, unpatched JDA at an emulator: REST base via RestConfig, gateway via the session controller. */
public final class JdaHarness {
    private JdaHarness() {}

    public static JDABuilder builder(DiscordEmulator emu) {
        String gateway = emu.gatewayUrl();
        return JDABuilder.createDefault(emu.token())
                .setRestConfig(new RestConfig().setBaseUrl(emu.apiUrl() + "/"))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(Compression.NONE);
    }

    public static JDA connect(DiscordEmulator emu, Object... listeners) {
        try {
            return builder(emu).addEventListeners(listeners).build().awaitReady();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static void shutdown(JDA jda) {
        if (jda == null) {
            return;
        }
        jda.shutdown();
        try {
            if (!jda.awaitShutdown(5, TimeUnit.SECONDS)) {
                jda.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jda.shutdownNow();
        }
    }

    /** Shuts JDA down, then the emulator (either may be null): the usual @AfterEach. */
    public static void shutdown(JDA jda, DiscordEmulator emu) {
        shutdown(jda);
        if (emu != null) {
            emu.close();
        }
    }

    /** Marker so listeners can be lambdas: {@code (EventListener) e -> ...}. */
    public static EventListener listener(EventListener l) {
        return l;
    }
}

package io.guildflow.testkit.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.gateway.Intents;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testkit.recording.RestCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginAndSlashCommandTest {
    private DiscordEmulator emu;
    private JDA jda;

    @AfterEach
    void tearDown() {
        JdaHarness.shutdown(jda, emu);
    }

    @Test
    void jdaLogsInReceivesGuildsAndRepliesToASlashCommand() {
        emu = DiscordEmulator.builder().guilds(3).commands("ping").build().start();
        jda = JdaHarness.connect(emu, new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.reply("pong from " + event.getUser().getName()).queue();
            }
        });

        assertEquals(emu.applicationId(), jda.getSelfUser().getId());
        Set<String> expected = emu.guilds().stream().map(EmulatedGuild::id).collect(Collectors.toSet());
        assertEquals(expected, jda.getGuilds().stream().map(Guild::getId).collect(Collectors.toSet()));
        Guild first = jda.getGuildById(emu.guild(0).id());
        assertEquals(emu.guild(0).textChannelId(), first.getTextChannels().get(0).getId());
        assertTrue(first.getSelfMember() != null);
        assertEquals(1, emu.connectedSessions().size());

        EmulatedGuild guild = emu.guild(1);
        DispatchedInteraction i = emu.slashCommand(guild, guild.members().get(0), "ping", Map.of());
        InteractionRecord r = emu.awaitResponse(i.id(), Duration.ofSeconds(10));

        assertEquals("pong from " + guild.members().get(0).username(), r.content());
        assertEquals(4, r.acknowledgementType());
        assertEquals(1, r.acceptedAcknowledgements());
        assertEquals(0, r.refusedAcknowledgements());
        List<RestCall> callbacks =
                emu.restCalls("POST", "/interactions/{interaction.id}/{interaction.token}/callback");
        assertEquals(1, callbacks.size());
        assertEquals(200, callbacks.get(0).status());
        assertTrue(callbacks.get(0).requestBody().contains("\"type\":4"), callbacks.get(0).requestBody());
    }

    @Test
    void jdaWithMemberIntentAndChunkingSeesEveryMember() throws Exception {
        emu = DiscordEmulator.builder().guilds(2).usersPerGuild(4).privilegedIntents(Intents.GUILD_MEMBERS).build()
                .start();
        jda = JdaHarness.builder(emu)
                .enableIntents(GatewayIntent.GUILD_MEMBERS)
                .setChunkingFilter(ChunkingFilter.ALL)
                .setMemberCachePolicy(MemberCachePolicy.ALL)
                .build()
                .awaitReady();
        Guild guild = jda.getGuildById(emu.guild(1).id());
        List<Member> members = guild.loadMembers().get();
        assertEquals(5, members.size());
    }
}

package io.guildflow.testkit.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DiscordEmulatorExtension;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.ApplicationInfo;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST routes JDA uses beyond interactions: application commands, channels, roles, messages. */
@ExtendWith(DiscordEmulatorExtension.class)
class RestRoutesWithJdaTest {
    private JDA jda;

    @AfterEach
    void disconnect() {
        JdaHarness.shutdown(jda);
    }

    @Test
    void registersGlobalAndGuildCommandsAndDispatchesWithTheirIds(DiscordEmulator emu) {
        jda = JdaHarness.connect(emu);
        List<Command> global = jda.updateCommands().addCommands(
                Commands.slash("signup", "Sign up").addSubcommands(
                        new SubcommandData("create", "create").addOption(OptionType.STRING, "name", "name", true)),
                Commands.user("Inspect"),
                Commands.message("Quote")).complete();
        assertEquals(3, global.size());
        assertEquals(3, emu.commands(null).size());
        assertEquals(1, emu.restCalls("PUT", "/applications/{application.id}/commands").size());

        Guild guild = jda.getGuildById(emu.guild(0).id());
        Command ping = guild.upsertCommand("ping", "Ping").complete();
        assertEquals("ping", emu.commands(emu.guild(0).id()).get(0).path("name").asText());
        assertEquals(1, guild.retrieveCommands().complete().size());

        EmulatedGuild g = emu.guild(0);
        DispatchedInteraction i = emu.slashCommand(g, g.members().get(0), "ping", Map.of());
        String frame = emu.gatewayFrames().stream()
                .filter(f -> "INTERACTION_CREATE".equals(f.t()) && f.payload().contains(i.token()))
                .findFirst().orElseThrow().payload();
        assertTrue(frame.contains("\"data\":{\"id\":\"" + ping.getId() + "\""), frame);
        assertTrue(frame.contains("\"guild_id\":\"" + g.id() + "\""), "a guild command says its guild");
        guild.deleteCommandById(ping.getIdLong()).complete();
        assertTrue(emu.commands(g.id()).isEmpty());
        // deleted: Discord no longer offers it, so it can no longer be triggered
        assertThrows(IllegalStateException.class, () -> emu.slashCommand(g, g.members().get(0), "ping", Map.of()));
        assertEquals(jda.getSelfUser().getIdLong(), jda.retrieveApplicationInfo().complete().getIdLong());
    }

    @Test
    void setupCommandCreatesChannelsAndRolesAndPostsMessages(DiscordEmulator emu) {
        jda = JdaHarness.connect(emu, new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
                e.deferReply(true).queue();
                Guild guild = e.getGuild();
                Role role = guild.createRole().setName("Signed up").setColor(0x00ff00).complete();
                TextChannel channel = guild.createTextChannel("signups").complete();
                channel.sendMessage("Welcome, " + role.getName()).complete();
                e.getHook().editOriginal("setup done: #" + channel.getName()).queue();
            }
        });
        EmulatedGuild g = emu.guild(0);
        emu.registerGuildCommand(g, "setup");
        DispatchedInteraction i = emu.slashCommand(g, g.members().get(0), "setup", Map.of());
        assertEquals("setup done: #signups", emu.awaitResponse(i.id(), Duration.ofSeconds(10)).content());

        assertTrue(emu.roles(g).stream().anyMatch(r -> r.path("name").asText().equals("Signed up")));
        JsonNode created = emu.channels(g).stream()
                .filter(c -> c.path("name").asText().equals("signups")).findFirst().orElseThrow();
        String channelId = created.path("id").asText();
        assertEquals("Welcome, Signed up", emu.messages(channelId, 10).get(0).path("content").asText());
        assertEquals(1, emu.restCalls("POST", "/guilds/{guild.id}/channels").size());
        assertEquals(1, emu.restCalls("POST", "/guilds/{guild.id}/roles").size());

        // JDA reads channel history back through GET /channels/{id}/messages
        TextChannel channel = jda.getTextChannelById(channelId);
        awaitChannel(emu, jda, channelId);
        List<Message> history = jda.getTextChannelById(channelId).getHistory().retrievePast(10).complete();
        assertEquals("Welcome, Signed up", history.get(0).getContentRaw());
        assertTrue(channel == null || channel.getId().equals(channelId));
    }

    private static void awaitChannel(DiscordEmulator emu, JDA jda, String channelId) {
        emu.awaitCondition(() -> jda.getTextChannelById(channelId) != null, Duration.ofSeconds(5));
    }

    @Test
    void applicationInfo(DiscordEmulator emu) {
        jda = JdaHarness.connect(emu);
        ApplicationInfo info = jda.retrieveApplicationInfo().complete();
        assertEquals(emu.applicationId(), info.getId());
    }
}

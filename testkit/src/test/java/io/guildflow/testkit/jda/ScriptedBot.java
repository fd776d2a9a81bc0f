package io.guildflow.testkit.jda;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.UserContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.modals.Modal;

/** A bot answering each interaction in a way that exercises one callback path; counts events per interaction. */
public class ScriptedBot extends ListenerAdapter {
    public final Map<String, AtomicInteger> eventsByInteraction = new ConcurrentHashMap<>();
    public final Map<String, GenericEvent> lastEvent = new ConcurrentHashMap<>();

    private void seen(Interaction interaction, GenericEvent event) {
        eventsByInteraction.computeIfAbsent(interaction.getId(), k -> new AtomicInteger()).incrementAndGet();
        lastEvent.put(interaction.getId(), event);
    }

    public int count(String interactionId) {
        AtomicInteger n = eventsByInteraction.get(interactionId);
        return n == null ? 0 : n.get();
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
        seen(e.getInteraction(), e);
        switch (e.getName()) {
            case "ping" -> e.reply("pong").queue();
            case "signup" -> e.reply(e.getFullCommandName() + ": " + e.getOptions().stream()
                    .map(o -> o.getName() + "=" + render(o))
                    .collect(Collectors.joining(", "))).queue();
            case "slow" -> e.deferReply().queue(hook -> hook.editOriginal("done slowly").queue());
            case "defer-followup" -> e.deferReply().queue(hook -> hook.sendMessage("sent via follow-up").queue());
            case "multi" -> e.reply("first").queue(hook -> hook.sendMessage("follow-up").queue());
            case "form" -> e.replyModal(Modal.create("signup-form", "Sign up")
                    .addComponents(Label.of("Name", TextInput.create("name", TextInputStyle.SHORT).build()))
                    .build()).queue();
            case "twice" -> {
                e.reply("once").queue();
                // a second acknowledgement through raw REST is tested elsewhere; JDA itself refuses locally
            }
            default -> e.reply("unknown command " + e.getFullCommandName()).queue();
        }
    }

    private static String render(OptionMapping o) {
        return switch (o.getType()) {
            case USER -> o.getAsUser().getName();
            case INTEGER -> Long.toString(o.getAsLong());
            case BOOLEAN -> Boolean.toString(o.getAsBoolean());
            default -> o.getAsString();
        };
    }

    @Override
    public void onUserContextInteraction(UserContextInteractionEvent e) {
        seen(e.getInteraction(), e);
        e.reply("user " + e.getTarget().getName()).queue();
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent e) {
        seen(e.getInteraction(), e);
        e.reply("quote: " + e.getTarget().getContentRaw()).queue();
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent e) {
        seen(e.getInteraction(), e);
        switch (e.getComponentId()) {
            case "edit" -> e.editMessage("edited by button").queue();
            case "later" -> e.deferEdit().queue(hook -> hook.editOriginal("edited after deferEdit").queue());
            default -> e.deferEdit().queue();
        }
    }

    @Override
    public void onStringSelectInteraction(StringSelectInteractionEvent e) {
        seen(e.getInteraction(), e);
        e.reply("chosen " + String.join(",", e.getValues())).queue();
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent e) {
        seen(e.getInteraction(), e);
        e.reply("hello " + e.getValue("name").getAsString()).queue();
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent e) {
        seen(e.getInteraction(), e);
        String typed = e.getFocusedOption().getValue();
        e.replyChoices(List.of("alpha", "alpine", "beta").stream()
                .filter(c -> c.startsWith(typed))
                .map(c -> new Command.Choice(c, c))
                .toList()).queue();
    }
}

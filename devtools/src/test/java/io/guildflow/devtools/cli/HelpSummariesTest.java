package io.guildflow.devtools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.app.cli.GuildflowCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The summaries both jars' --help list: picocli shows a command's first description string only, so that string
 * must be a whole sentence on its own (a capital to a full stop), and so must every further string.
 */
class HelpSummariesTest {
    @Test
    void everyCommandDescriptionOfBothJarsIsAWholeSentence() {
        List<String> cut = new ArrayList<>();
        for (CommandLine root : List.of(GuildflowCommand.commandLine(new GuildflowCommand()),
                GuildflowCommand.commandLine(new DevCommand()))) {
            check(root, cut);
            for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
                check(sub.getValue(), cut);
            }
        }
        assertEquals(List.of(), cut, "descriptions that stop mid-sentence");
    }

    private static void check(CommandLine command, List<String> cut) {
        String name = command.getCommandSpec().qualifiedName();
        for (String format : command.getCommandSpec().usageMessage().description()) {
            String line = format.replace("%n", "").strip(); // picocli's own help command spaces its lines with %n
            if (!line.endsWith(".") || !Character.isUpperCase(line.charAt(0))) {
                cut.add(name + ": \"" + line + "\"");
            }
        }
    }
}

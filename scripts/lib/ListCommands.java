import io.guildflow.worker.dispatch.CommandCatalog;

/**
 * Prints the slash commands a bot jar registers, one name a line, as the worker discovers them.
 * Run with the jar on the class path (needs a JDK): java -cp BOT_JAR scripts/lib/ListCommands.java
 */
public class ListCommands {
    public static void main(String[] args) {
        CommandCatalog.discover().names().forEach(System.out::println);
    }
}

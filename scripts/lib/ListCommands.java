import io.guildflow.worker.dispatch.CommandRegistrations;
import io.guildflow.worker.dispatch.HandlerCatalog;

/**
 * Prints the application commands a bot jar registers (what "setup" sends to Discord), one name a
 * line. Run with the jar on the class path (needs a JDK): java -cp BOT_JAR scripts/lib/ListCommands.java
 */
public class ListCommands {
    public static void main(String[] args) {
        CommandRegistrations.of(HandlerCatalog.discover(ListCommands.class.getClassLoader()))
                .forEach(command -> System.out.println(command.path("name").asText()));
    }
}

package io.guildflow.worker.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.api.ComponentContext;
import io.guildflow.api.ComponentHandler;
import io.guildflow.api.Message;
import io.guildflow.api.MessageCommand;
import io.guildflow.api.MessageCommandContext;
import io.guildflow.api.ModalContext;
import io.guildflow.api.ModalHandler;
import io.guildflow.api.Permission;
import io.guildflow.api.Response;
import io.guildflow.api.UserCommand;
import io.guildflow.api.UserCommandContext;
import io.guildflow.common.StartupException;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.TestPing;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each interaction kind reaches the handler that declares its key, with its data parsed. */
class RoutingTest {
    private static final Connection UNUSED = (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> null);

    private static InteractionEnvelope interaction(int type, String data) throws Exception {
        return InteractionEnvelope.fromDiscord(new ObjectMapper().readTree(
                "{\"id\":\"1\",\"token\":\"t\",\"type\":" + type + ",\"channel_id\":\"2\",\"guild_id\":\"9\","
                        + "\"member\":{\"user\":{\"id\":\"3\",\"username\":\"ann\"},\"permissions\":\"8\"},"
                        + "\"locale\":\"de\",\"data\":" + data + "}"), Instant.EPOCH, 0);
    }

    /** Also serves UnroutedInteractionsTest: a catalog with one component prefix. */
    static class Votes implements ComponentHandler {
        @Override
        public String prefix() {
            return "vote";
        }

        @Override
        public Response handle(ComponentContext context) {
            return Response.update(Message.text(context.state() + " " + context.values() + " by "
                    + context.user().username() + " admin=" + context.memberPermissions().has(Permission.BAN_MEMBERS)
                    + " " + context.locale()));
        }
    }

    private static final class Form implements ModalHandler {
        @Override
        public String prefix() {
            return "form";
        }

        @Override
        public Response handle(ModalContext context) {
            return Response.reply(context.state() + ":" + context.value("name").orElse("?"));
        }
    }

    private static final class Whois implements UserCommand {
        @Override
        public String name() {
            return "Who is";
        }

        @Override
        public Response handle(UserCommandContext context) {
            return Response.ephemeral(context.target().username());
        }
    }

    private static final class Quote implements MessageCommand {
        @Override
        public String name() {
            return "Quote";
        }

        @Override
        public Response handle(MessageCommandContext context) {
            return Response.reply("> " + context.target().content());
        }
    }

    private final Dispatcher dispatcher = new Dispatcher(
            HandlerCatalog.of(new TestPing(), new Votes(), new Form(), new Whois(), new Quote()), Clock.systemUTC());

    private String content(Answer answer) {
        return answer.response().callback().path("data").path("content").asText();
    }

    @Test
    void componentsRouteByPrefixAndCarryTheirStateAndValues() throws Exception {
        var handled = dispatcher.dispatch(interaction(3,
                "{\"custom_id\":\"vote:poll-7\",\"component_type\":3,\"values\":[\"a\",\"b\"]}"), UNUSED);
        assertEquals(Outcome.ANSWERED, handled.outcome());
        assertEquals("vote", handled.metricTag(), "the prefix, not the state, is the metric tag");
        assertEquals("poll-7 [a, b] by ann admin=true de", content(handled));
    }

    @Test
    void modalsRouteByPrefixWithTheirFieldValues() throws Exception {
        var handled = dispatcher.dispatch(interaction(5, "{\"custom_id\":\"form:x\",\"components\":[{\"type\":1,"
                + "\"components\":[{\"type\":4,\"custom_id\":\"name\",\"value\":\"Zed\"}]}]}"), UNUSED);
        assertEquals("x:Zed", content(handled));
    }

    @Test
    void contextMenusRouteByTypeAndName() throws Exception {
        var user = dispatcher.dispatch(interaction(2, "{\"type\":2,\"name\":\"Who is\",\"target_id\":\"5\","
                + "\"resolved\":{\"users\":{\"5\":{\"id\":\"5\",\"username\":\"bob\"}}}}"), UNUSED);
        assertEquals("bob", content(user));
        var message = dispatcher.dispatch(interaction(2, "{\"type\":3,\"name\":\"Quote\",\"target_id\":\"6\","
                + "\"resolved\":{\"messages\":{\"6\":{\"id\":\"6\",\"content\":\"hi\",\"author\":{\"id\":\"5\"}}}}}"),
                UNUSED);
        assertEquals("> hi", content(message));
        var slashNamedLikeAMenu = dispatcher.dispatch(interaction(2, "{\"type\":1,\"name\":\"Quote\"}"), UNUSED);
        assertEquals(Outcome.UNKNOWN_COMMAND, slashNamedLikeAMenu.outcome());
    }

    @Test
    void anAnswerDiscordWouldRefuseForTheKindIsAHandlerError() {
        var wrong = new Dispatcher(HandlerCatalog.of(new ComponentHandler() {
            @Override
            public String prefix() {
                return "x";
            }

            @Override
            public Response handle(ComponentContext context) {
                return Response.choices();
            }
        }), Clock.systemUTC());
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> wrong.dispatch(interaction(3, "{\"custom_id\":\"x\",\"component_type\":2}"), UNUSED));
        assertTrue(error.getMessage().contains("Choices"), error.getMessage());
    }

    @Test
    void aBareDeferralFromAHandlerWouldNeverBeAnsweredAndIsAHandlerError() {
        var deferring = new Dispatcher(HandlerCatalog.of(new Votes() {
            @Override
            public Response handle(ComponentContext context) {
                return new Response.DeferredReply(true, null, java.util.List.of());
            }
        }), Clock.systemUTC());
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> deferring.dispatch(interaction(3, "{\"custom_id\":\"vote\",\"component_type\":2}"), UNUSED));
        assertTrue(error.getMessage().startsWith("a deferred reply needs"), error.getMessage());
    }

    @Test
    void twoHandlersForOneKeyOrAnInvalidNameStopStartUpWithOneLine() {
        StartupException twice = assertThrows(StartupException.class,
                () -> HandlerCatalog.of(new TestPing(), new TestPing()));
        assertEquals("two handlers for /ping: io.guildflow.worker.TestPing and io.guildflow.worker.TestPing",
                twice.getMessage());
        StartupException invalid = assertThrows(StartupException.class, () -> HandlerCatalog.of(new Votes() {
            @Override
            public String prefix() {
                return "has:colon";
            }
        }));
        assertTrue(invalid.getMessage().contains("'has:colon' is invalid"), invalid.getMessage());
        assertTrue(!invalid.getMessage().contains("\n"));
    }

    @Test
    void handlersAreFoundThroughServiceFilesNotPackageScanning(@TempDir Path classes) throws Exception {
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.guildflow.api.InteractionHandler"), "io.guildflow.worker.TestPing\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                RoutingTest.class.getClassLoader())) {
            HandlerCatalog catalog = HandlerCatalog.discover(loader);
            assertTrue(catalog.slashCommand("ping").orElseThrow() instanceof TestPing);
            assertEquals("[/ping]", catalog.describe().toString());
        }
        assertEquals("[]", HandlerCatalog.discover(RoutingTest.class.getClassLoader()).describe().toString(),
                "nothing is found by scanning packages");
    }
}

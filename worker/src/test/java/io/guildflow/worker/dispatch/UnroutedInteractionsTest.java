package io.guildflow.worker.dispatch;

import static io.guildflow.worker.dispatch.DispatcherTest.interaction;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.guildflow.worker.TestPing;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An interaction no handler claims is one WARN per name, naming the registered ones; a flood is not. */
class UnroutedInteractionsTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(UnroutedInteractions.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Dispatcher dispatcher = new Dispatcher(HandlerCatalog.of(new TestPing(), new RoutingTest.Votes()),
            Clock.systemUTC());

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.WARN);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    private List<String> warnings() {
        return lines.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aFloodOfOneUnroutedNameIsOneWarningNamingTheRegisteredOnes() throws Exception {
        for (int click = 0; click < 500; click++) {
            dispatcher.target(interaction(3, "{\"custom_id\":\"vot:" + click + "\",\"component_type\":2}"));
            dispatcher.target(interaction(2, "{\"name\":\"pnig\"}"));
        }
        dispatcher.target(interaction(2, "{\"name\":\"ping\"}"));
        dispatcher.target(interaction(3, "{\"custom_id\":\"vote:1\",\"component_type\":2}"));
        assertEquals(List.of(
                "no handler for component custom_id prefix 'vot' (registered: vote); answered with the fallback,"
                        + " logged once per name",
                "no handler for command /pnig (registered: /ping); answered with the fallback, logged once per name"),
                warnings());
        assertEquals(List.of("component custom_id prefix 'vot' (registered: vote)", "command /pnig (registered: /ping)"),
                dispatcher.unrouted());
    }

    @Test
    void modalsMenusAndAutocompleteNameTheirKind() throws Exception {
        dispatcher.target(interaction(5, "{\"custom_id\":\"form:1\"}"));
        dispatcher.target(interaction(2, "{\"name\":\"Inspect\",\"type\":2}"));
        dispatcher.target(interaction(4, "{\"name\":\"gone\"}"));
        assertEquals(List.of("modal custom_id prefix 'form' (registered: none)",
                "user command Inspect (registered: /ping)", "autocomplete of command /gone (registered: /ping)"),
                dispatcher.unrouted());
    }

    @Test
    void distinctNamesStopBeingLoggedAtTheLimit() throws Exception {
        for (int name = 0; name < UnroutedInteractions.LIMIT + 50; name++) {
            dispatcher.target(interaction(3, "{\"custom_id\":\"p" + name + ":x\",\"component_type\":2}"));
        }
        assertEquals(UnroutedInteractions.LIMIT, warnings().size());
        assertEquals(UnroutedInteractions.LIMIT, dispatcher.unrouted().size());
    }
}

package io.guildflow.testsupport.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testsupport.net.CuttableProxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a test's environment is called and where its processes look; nothing here touches the servers. */
class IsolatedEnvironmentTest {

    @Test
    void eachEnvironmentHasItsOwnNameAndSchemaAndItsProcessesAreToldBoth() {
        IsolatedEnvironment first = new IsolatedEnvironment("dbout-x");
        IsolatedEnvironment second = new IsolatedEnvironment("dbout-x");

        assertTrue(first.name().matches("dbout-x-[0-9a-f]{8}"), first.name());
        assertTrue(first.schema().matches("gf_dbout_x_[0-9a-f]{8}"), first.schema());
        assertNotEquals(first.name(), second.name());
        assertNotEquals(first.schema(), second.schema());
        assertEquals(first.name(), first.topology().environment());
        assertTrue(first.databaseUrl().startsWith(IsolatedEnvironment.PG_URL), first.databaseUrl());
        assertTrue(first.databaseUrl().endsWith("currentSchema=" + first.schema()), first.databaseUrl());
        assertEquals(Map.of("NATS_URL", IsolatedEnvironment.NATS_URL, "DATABASE_URL", first.databaseUrl(),
                "ENVIRONMENT", first.name(), "BOT_VERSION", IsolatedEnvironment.TEST_BOT_VERSION), first.settings());
    }

    @Test
    void onItsOwnNatsTheEnvironmentKeepsItsExactNameAndLeavesNatsToTheTest() {
        IsolatedEnvironment production = IsolatedEnvironment.onOwnNats("production");

        assertEquals("production", production.name());
        assertTrue(production.schema().matches("gf_production_[0-9a-f]{8}"), production.schema());
        assertFalse(production.settings().containsKey("NATS_URL"), production.settings().toString());
        assertEquals(production.databaseUrl(), production.settings().get("DATABASE_URL"));
        assertEquals("production", production.settings().get("ENVIRONMENT"));
    }

    @Test
    void throughTheProxyOnlyTheAddressChanges() throws Exception {
        IsolatedEnvironment environment = new IsolatedEnvironment("proxied");
        try (CuttableProxy proxy = IsolatedEnvironment.proxyToDatabase()) {
            URI direct = URI.create(environment.databaseUrl().substring("jdbc:".length()));
            URI proxied = URI.create(environment.databaseUrlThrough(proxy).substring("jdbc:".length()));

            assertEquals("127.0.0.1", proxied.getHost());
            assertEquals(proxy.port(), proxied.getPort());
            assertEquals(direct.getScheme(), proxied.getScheme());
            assertEquals(direct.getRawPath(), proxied.getRawPath());
            assertEquals(direct.getRawQuery(), proxied.getRawQuery());
        }
    }
}

package io.guildflow.worker.dispatch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;

/**
 * The ledger transaction's connection as handlers see it: a handler that commits, rolls back or
 * closes it would break the "effects and handled-record commit together" promise, so those are refused.
 */
public final class GuardedConnection {
    private static final Set<String> REFUSED = Set.of("commit", "close", "setAutoCommit", "abort");

    private GuardedConnection() {
    }

    public static Connection guard(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (refused(method, args)) {
                        throw new IllegalStateException("Connection." + method.getName()
                                + " is managed by Guildflow: the transaction commits when the handler returns"
                                + " and rolls back when it throws");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static boolean refused(Method method, Object[] args) {
        if (REFUSED.contains(method.getName())) {
            return true;
        }
        // rollback(Savepoint) is the handler's own business; rollback() is not.
        return method.getName().equals("rollback") && (args == null || args.length == 0);
    }
}

package io.guildflow.worker.database;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Every statement execution, commit and rollback on a wrapped pool as a CLIENT span under the
 * current span (the worker's handling). Only installed while traces are exported, so an
 * unexported worker runs on the bare pool. Ours rather than OpenTelemetry's JDBC library, whose
 * current release needs an {@code opentelemetry-api-incubator} that no longer matches our SDK.
 *
 * <p>The statement text is recorded with its literals masked: a literal could hold a user's text.
 * Our statements take values as parameters, which are never recorded.
 */
final class StatementTracing {
    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
    static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> DB_QUERY = AttributeKey.stringKey("db.query.text");
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern NUMBER_LITERAL = Pattern.compile("(?<![\\w$.])\\d+(?:\\.\\d+)?\\b");

    private final Tracer tracer;
    private final String schema;

    StatementTracing(Tracer tracer, String schema) {
        this.tracer = tracer;
        this.schema = schema;
    }

    DataSource wrap(DataSource pool) {
        return proxy(DataSource.class, pool, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? connection(connection) : result;
        });
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback")) {
                return traced(name.toUpperCase(Locale.ROOT), null, () -> invoke(target, method, args));
            }
            Object result = invoke(target, method, args);
            if (result instanceof CallableStatement call) {
                return statement(CallableStatement.class, call, (String) args[0]);
            }
            if (result instanceof PreparedStatement prepared) {
                return statement(PreparedStatement.class, prepared, (String) args[0]);
            }
            if (result instanceof Statement plain) {
                return statement(Statement.class, plain, null);
            }
            return result;
        });
    }

    private <S extends Statement> S statement(Class<S> type, S statement, String preparedSql) {
        return proxy(type, statement, (target, method, args) -> {
            if (!method.getName().startsWith("execute")) {
                return invoke(target, method, args);
            }
            // Statement.execute*(sql, …) names its SQL; a prepared one was named at prepare time.
            String sql = args != null && args.length > 0 && args[0] instanceof String given ? given : preparedSql;
            return traced(operation(sql), sql, () -> invoke(target, method, args));
        });
    }

    private Object traced(String operation, String sql, Call call) throws Throwable {
        var builder = tracer.spanBuilder(operation + " " + schema).setSpanKind(SpanKind.CLIENT)
                .setAttribute(DB_SYSTEM, "postgresql").setAttribute(DB_NAMESPACE, schema)
                .setAttribute(DB_OPERATION, operation);
        if (sql != null) {
            builder.setAttribute(DB_QUERY, masked(sql));
        }
        Span span = builder.startSpan();
        try {
            return call.run();
        } catch (Throwable e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    static String masked(String sql) {
        return NUMBER_LITERAL.matcher(STRING_LITERAL.matcher(sql).replaceAll("?")).replaceAll("?");
    }

    static String operation(String sql) {
        if (sql == null) {
            return "BATCH";
        }
        String trimmed = sql.strip();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return end == 0 ? "SQL" : trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Throwable;
    }

    @FunctionalInterface
    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return type.cast(Proxy.newProxyInstance(StatementTracing.class.getClassLoader(), new Class<?>[] {type},
                invocation));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

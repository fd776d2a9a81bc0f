package io.guildflow.app.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Result of one {@link Readiness#evaluate()}: the overall status plus each check, in registration order. */
public record ReadinessReport(ReadinessStatus status, Map<String, CheckResult> checks) {

    public ReadinessReport {
        Objects.requireNonNull(status, "status");
        // copy keeps registration order and makes the record immutable
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    public boolean ready() {
        return status == ReadinessStatus.READY;
    }
}

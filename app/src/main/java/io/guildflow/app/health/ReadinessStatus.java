package io.guildflow.app.health;

/** Overall readiness. STARTING and DEGRADED are both "not ready"; they differ for operators. */
public enum ReadinessStatus {
    /** Every check passes. */
    READY,
    /** Some check fails and the runtime has never been ready: still booting. */
    STARTING,
    /** Some check fails although the runtime was ready before: something broke. */
    DEGRADED;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

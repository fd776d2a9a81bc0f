package io.guildflow.devtools.demo;

import io.guildflow.app.runtime.GuildflowProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a process's real health endpoints over HTTP, as an orchestrator would. */
public final class HealthProbe {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HttpResponse<String> get(GuildflowProcess process, String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.healthPort() + path))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("health server on port " + process.healthPort() + " did not answer", e);
        }
    }

    public int readyStatus(GuildflowProcess process) throws InterruptedException {
        return get(process, "/ready").statusCode();
    }

    public String readyBody(GuildflowProcess process) throws InterruptedException {
        return get(process, "/ready").body();
    }

    /** Polls {@code /ready} until it answers 200. */
    public void awaitReady(GuildflowProcess process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> response = get(process, "/ready");
        while (response.statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready within " + timeout + ": " + response.body());
            }
            Thread.sleep(50);
            response = get(process, "/ready");
        }
    }
}

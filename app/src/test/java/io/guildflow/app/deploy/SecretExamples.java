package io.guildflow.app.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The documented secrets, k8s/secrets.example/NAME.env.example: the keys a secret must hold, with sample values. */
final class SecretExamples {
    private SecretExamples() {
    }

    static Map<String, String> keys(String secretName) {
        Path file = RepositoryFiles.root().resolve("k8s/secrets.example").resolve(secretName + ".env.example");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("secret " + secretName + " is referenced but not documented in " + file);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int equals = line.indexOf('=');
                    keys.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
        return keys;
    }
}

package io.guildflow.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Checks an object against the Kubernetes API schema as the official Java client's generated models
 * hold it: known kind for its apiVersion, no unknown field anywhere, required fields present,
 * primitive types right. Every kind our manifests use is listed; anything else fails.
 */
final class KubernetesSchemas {
    private static final Map<String, String> MODEL_BY_API_KIND = Map.ofEntries(
            Map.entry("v1/Namespace", "V1Namespace"),
            Map.entry("v1/ConfigMap", "V1ConfigMap"),
            Map.entry("v1/Secret", "V1Secret"),
            Map.entry("v1/Service", "V1Service"),
            Map.entry("v1/ServiceAccount", "V1ServiceAccount"),
            Map.entry("apps/v1/Deployment", "V1Deployment"),
            Map.entry("apps/v1/StatefulSet", "V1StatefulSet"),
            Map.entry("batch/v1/Job", "V1Job"),
            Map.entry("batch/v1/CronJob", "V1CronJob"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"),
            Map.entry("policy/v1/PodDisruptionBudget", "V1PodDisruptionBudget"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "V1NetworkPolicy"));

    private KubernetesSchemas() {
    }

    /** Throws an AssertionError naming the object and what the schema refuses. */
    static void validate(JsonNode object) {
        String apiKind = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String id = apiKind + " " + object.path("metadata").path("name").asText();
        String model = MODEL_BY_API_KIND.get(apiKind);
        if (model == null) {
            throw new AssertionError(id + ": not a kind these tests know (" + MODEL_BY_API_KIND.keySet() + ")");
        }
        JsonElement json = JsonParser.parseString(object.toString());
        try {
            Class<?> type = Class.forName("io.kubernetes.client.openapi.models." + model);
            Method validate = type.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
            // Deserialising also checks numbers, booleans and nested types.
            type.getMethod("fromJson", String.class).invoke(null, object.toString());
        } catch (InvocationTargetException e) {
            throw new AssertionError(id + " does not match the Kubernetes schema: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Kubernetes model " + model + " is not usable", e);
        }
    }
}

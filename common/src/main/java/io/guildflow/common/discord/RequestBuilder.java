package io.guildflow.common.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Turns a {@link Route} and a JSON body into the HTTP request: URL under the API base, headers, body. */
final class RequestBuilder {
    static final String USER_AGENT = "DiscordBot (https://github.com/guildflow, 0.1)";
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl apiBase;
    private final String authorization;
    private final ObjectMapper json = new ObjectMapper();

    RequestBuilder(HttpUrl apiBase, String botToken) {
        this.apiBase = apiBase;
        this.authorization = "Bot " + botToken;
    }

    Request build(Route route, JsonNode body) {
        HttpUrl.Builder url = apiBase.newBuilder();
        for (String segment : route.segments()) {
            if (route.encoded()) {
                url.addEncodedPathSegment(segment);
            } else {
                url.addPathSegment(segment); // percent-encodes tokens
            }
        }
        if (route.query() != null) {
            url.encodedQuery(route.query());
        }
        Request.Builder request = new Request.Builder().url(url.build()).header("User-Agent", USER_AGENT);
        if (route.botAuth()) {
            request.header("Authorization", authorization);
        }
        RequestBody requestBody = null;
        if (body != null) {
            try {
                requestBody = RequestBody.create(json.writeValueAsBytes(body), JSON);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("request body is not serialisable: " + e.getOriginalMessage());
            }
        } else if (!route.method().equals("GET")) {
            requestBody = RequestBody.create(new byte[0], null);
        }
        return request.method(route.method(), requestBody).build();
    }
}

package io.guildflow.testkit.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.World;
import java.util.List;

/** Attachment objects (message docs, "Attachment Object") for the files of a multipart request. */
final class Uploads {
    private Uploads() {}

    /** Sets the message's {@code attachments} from the uploaded files; no files leaves it as it is. */
    static void attach(ObjectNode message, List<Multipart.FilePart> files, World world) {
        if (files.isEmpty()) {
            return;
        }
        ArrayNode attachments = message.putArray("attachments");
        String channel = message.path("channel_id").asText();
        for (Multipart.FilePart f : files) {
            String id = Json.id(world.ids().next());
            String url = "https://cdn.discordapp.com/attachments/" + channel + "/" + id + "/" + f.filename();
            attachments.addObject()
                    .put("id", id)
                    .put("filename", f.filename())
                    .put("size", f.size())
                    .put("url", url)
                    .put("proxy_url", url.replace("cdn.discordapp.com", "media.discordapp.net"))
                    .put("content_type", f.contentType());
        }
    }
}

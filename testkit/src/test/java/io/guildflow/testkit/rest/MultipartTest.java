package io.guildflow.testkit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartTest {
    @Test
    void extractsPayloadJsonAndFileParts() {
        String body = "--abc\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n"
                + "--abc\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"type\":4,\"data\":{\"content\":\"é\"}}\r\n--abc--\r\n";
        Multipart parsed = Multipart.parse("multipart/form-data; boundary=abc", body.getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"type\":4,\"data\":{\"content\":\"é\"}}", parsed.payloadJson());
        assertEquals(List.of(new Multipart.FilePart("files[0]", "a.txt", "text/plain", 5)), parsed.files());
        assertEquals("", Multipart.parse("multipart/form-data", body.getBytes(StandardCharsets.UTF_8)).payloadJson());
    }
}

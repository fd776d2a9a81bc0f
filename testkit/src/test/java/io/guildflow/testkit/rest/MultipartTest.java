package io.guildflow.testkit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MultipartTest {
    @Test
    void extractsPayloadJsonPart() {
        String body = "--abc\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n"
                + "--abc\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"type\":4,\"data\":{\"content\":\"x\"}}\r\n--abc--\r\n";
        assertEquals("{\"type\":4,\"data\":{\"content\":\"x\"}}",
                Multipart.payloadJson("multipart/form-data; boundary=abc", body));
        assertEquals("", Multipart.payloadJson("multipart/form-data", body));
    }
}

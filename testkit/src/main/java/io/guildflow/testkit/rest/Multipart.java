package io.guildflow.testkit.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multipart/form-data body as Discord reads it (reference docs, "Uploading Files"): the {@code payload_json} part
 * and the file parts ({@code files[n]}, or any part with a filename).
 */
record Multipart(String payloadJson, List<FilePart> files) {
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");
    private static final Pattern TYPE = Pattern.compile("(?im)^content-type:\\s*([^\\r\\n;]+)");

    /** One uploaded file: its form field, file name, content type and size in bytes. */
    record FilePart(String field, String filename, String contentType, int size) {}

    /** Parses {@code body} (the raw bytes); a missing boundary gives no parts. */
    static Multipart parse(String contentType, byte[] body) {
        int b = contentType.indexOf("boundary=");
        if (b < 0) {
            return new Multipart("", List.of());
        }
        String boundary = contentType.substring(b + 9).trim();
        int semi = boundary.indexOf(';');
        if (semi >= 0) {
            boundary = boundary.substring(0, semi);
        }
        if (boundary.startsWith("\"") && boundary.endsWith("\"") && boundary.length() > 1) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        // ISO-8859-1 maps each byte to one char, so offsets are byte offsets and binary files survive
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        String payload = "";
        List<FilePart> files = new ArrayList<>();
        for (String part : raw.split(Pattern.quote("--" + boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            String content = part.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            Matcher name = NAME.matcher(headers);
            Matcher filename = FILENAME.matcher(headers);
            if (filename.find()) {
                Matcher type = TYPE.matcher(headers);
                files.add(new FilePart(name.find() ? name.group(1) : "file", filename.group(1),
                        type.find() ? type.group(1).trim() : "application/octet-stream", content.length()));
            } else if (name.find() && name.group(1).equals("payload_json")) {
                payload = new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return new Multipart(payload, List.copyOf(files));
    }
}

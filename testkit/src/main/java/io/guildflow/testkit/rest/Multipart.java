package io.guildflow.testkit.rest;

/** Extracts the {@code payload_json} part of a multipart/form-data body (file parts are ignored). */
final class Multipart {
    private Multipart() {}

    static String payloadJson(String contentType, String body) {
        int b = contentType.indexOf("boundary=");
        if (b < 0) {
            return "";
        }
        String boundary = contentType.substring(b + 9).trim();
        int semi = boundary.indexOf(';');
        if (semi >= 0) {
            boundary = boundary.substring(0, semi);
        }
        if (boundary.startsWith("\"") && boundary.endsWith("\"") && boundary.length() > 1) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        String delimiter = "--" + boundary;
        for (String part : body.split(java.util.regex.Pattern.quote(delimiter))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            if (headers.contains("name=\"payload_json\"")) {
                String content = part.substring(headerEnd + 4);
                return content.endsWith("\r\n") ? content.substring(0, content.length() - 2) : content;
            }
        }
        return "";
    }
}

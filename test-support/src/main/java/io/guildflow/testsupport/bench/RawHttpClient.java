package io.guildflow.testsupport.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Minimal HTTP/1.1 keep-alive client over one socket (TCP_NODELAY), for measuring server throughput. */
final class RawHttpClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;

    RawHttpClient(String host, int port, String method, String path, String authorization) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        request = (method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: "
                + authorization + "\r\nUser-Agent: EmulatorThroughput\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the request and reads the whole response; returns the status code. */
    int call() throws IOException {
        out.write(request);
        out.flush();
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = 0;
        boolean chunked = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(line.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && line.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            throw new IOException("chunked responses are not supported by this client");
        }
        skip(length);
        return status;
    }

    private void skip(int n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                skipped = 1;
            }
            n -= (int) skipped;
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package io.watchfloor.bench.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One blocking HTTP/1.1 keep-alive connection that POSTs a body and reads a {@code Content-Length} response: just what
 * the load generator needs to drive {@code POST /ingest}. The JDK's {@code HttpClient} costs about a microsecond of CPU
 * per 150-byte event on its own selector thread and per-request objects, on the same two cores as the server; this
 * writes the head and the caller's body array straight to the socket. Reconnects when the server closed the
 * connection. Not thread-safe: one per sender thread.
 */
final class Http11Connection implements AutoCloseable {
    /** Longest response head or body read; a longer one is an error. */
    static final int MAX_RESPONSE_BYTES = 1 << 20;
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 120_000;

    private final InetSocketAddress address;
    private final byte[] headPrefix;
    private final byte[] readBuffer = new byte[MAX_RESPONSE_BYTES];
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /** A response: status code, {@code Retry-After} in seconds (-1 when absent) and the body as text. */
    record Response(int status, long retryAfterSecs, String body) {
    }

    /** @param uri where to POST, {@code http://host:port/path} */
    Http11Connection(URI uri, String contentType) {
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        final String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.headPrefix = ("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * POSTs {@code body[offset, offset + length)} and waits for the response.
     *
     * @throws IOException when the connection fails or the response cannot be read
     */
    Response post(byte[] body, int offset, int length) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(headPrefix);
        out.write((length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, offset, length);
        out.flush();
        return readResponse();
    }

    private void connect() throws IOException {
        final Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(address, CONNECT_TIMEOUT_MS);
        s.setSoTimeout(READ_TIMEOUT_MS);
        socket = s;
        out = s.getOutputStream();
        in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
    }

    private Response readResponse() throws IOException {
        final int headLength = readHead();
        final String head = new String(readBuffer, 0, headLength, StandardCharsets.ISO_8859_1);
        final String[] lines = head.split("\r\n");
        final String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response: " + lines[0]);
        }
        final int status = Integer.parseInt(statusLine[1]);
        long contentLength = -1;
        long retryAfter = -1;
        boolean close = statusLine[0].equals("HTTP/1.0");
        for (int i = 1; i < lines.length; i++) {
            final int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            final String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            final String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "retry-after" -> retryAfter = Long.parseLong(value);
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "transfer-encoding" -> throw new IOException("unsupported response framing: " + value);
                default -> { }
            }
        }
        if (contentLength < 0 || contentLength > MAX_RESPONSE_BYTES) {
            throw new IOException("response Content-Length " + contentLength + " (expected: 0.." + MAX_RESPONSE_BYTES
                    + ")");
        }
        readFully((int) contentLength);
        final String body = new String(readBuffer, 0, (int) contentLength, StandardCharsets.UTF_8);
        if (close) {
            close();
        }
        return new Response(status, retryAfter, body);
    }

    /** Reads up to and including the blank line; @return the head's length without it */
    private int readHead() throws IOException {
        int n = 0;
        while (true) {
            final int b = in.read();
            if (b < 0) {
                close();
                throw new EOFException("connection closed before the response head ended");
            }
            if (n == readBuffer.length) {
                throw new IOException("response head longer than " + MAX_RESPONSE_BYTES + " bytes");
            }
            readBuffer[n++] = (byte) b;
            if (n >= 4 && readBuffer[n - 1] == '\n' && readBuffer[n - 2] == '\r' && readBuffer[n - 3] == '\n'
                    && readBuffer[n - 4] == '\r') {
                return n - 4;
            }
        }
    }

    private void readFully(int length) throws IOException {
        int done = 0;
        while (done < length) {
            final int r = in.read(readBuffer, done, length - done);
            if (r < 0) {
                close();
                throw new EOFException("connection closed after " + done + " of " + length + " body bytes");
            }
            done += r;
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            final Socket s = socket;
            socket = null;
            out = null;
            in = null;
            s.close();
        }
    }
}

package io.watchfloor.bench.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Http11ConnectionTest {
    private final ExecutorService server = Executors.newSingleThreadExecutor();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket listening;

    @AfterEach
    void stop() throws Exception {
        listening.close();
        server.shutdownNow();
        assertThat(server.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    /** Answers each request with the next response in turn, on as many connections as the client opens. */
    private URI serve(String... responses) throws IOException {
        listening = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        server.execute(() -> {
            int next = 0;
            while (next < responses.length) {
                try (Socket s = listening.accept()) {
                    connections.incrementAndGet();
                    final InputStream in = new BufferedInputStream(s.getInputStream());
                    final OutputStream out = s.getOutputStream();
                    while (next < responses.length) {
                        final String request = readRequest(in);
                        if (request == null) {
                            break;
                        }
                        requests.add(request);
                        final String response = responses[next++];
                        out.write(response.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        if (response.contains("Connection: close")) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        return URI.create("http://127.0.0.1:" + listening.getLocalPort() + "/ingest");
    }

    private static String readRequest(InputStream in) throws IOException {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        if (b < 0) {
            return null;
        }
        final String h = head.toString(StandardCharsets.ISO_8859_1);
        final int at = h.indexOf("Content-Length: ") + "Content-Length: ".length();
        final int length = Integer.parseInt(h.substring(at, h.indexOf("\r\n", at)));
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void shouldPostTheBodySliceAndReadResponsesOnOneKeptAliveConnection() throws IOException {
        final URI uri = serve("HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n{\"accepted\":2}",
                "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\ncontent-length: 0\r\n\r\n");
        final byte[] body = "xx{\"a\":1}\n{\"a\":2}\nyy".getBytes(StandardCharsets.UTF_8);
        try (Http11Connection c = new Http11Connection(uri, "application/x-ndjson")) {
            final Http11Connection.Response ok = c.post(body, 2, 16);
            final Http11Connection.Response busy = c.post(body, 2, 8);

            assertThat(ok).isEqualTo(new Http11Connection.Response(200, -1, "{\"accepted\":2}"));
            assertThat(busy).isEqualTo(new Http11Connection.Response(503, 2, ""));
        }
        assertThat(connections.get()).isEqualTo(1);
        assertThat(requests.get(0)).startsWith("POST /ingest HTTP/1.1\r\n").contains("Content-Length: 16\r\n")
                .contains("Content-Type: application/x-ndjson\r\n").endsWith("\r\n\r\n{\"a\":1}\n{\"a\":2}\n");
        assertThat(requests.get(1)).endsWith("\r\n\r\n{\"a\":1}\n");
    }

    @Test
    void shouldReconnectAfterTheServerClosedTheConnection() throws IOException {
        final URI uri = serve("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain");
        final byte[] body = "{}\n".getBytes(StandardCharsets.UTF_8);
        try (Http11Connection c = new Http11Connection(uri, "application/x-ndjson")) {
            assertThat(c.post(body, 0, body.length).body()).isEqualTo("ok");
            assertThat(c.post(body, 0, body.length).body()).isEqualTo("again");
        }
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAResponseWithoutContentLength() throws IOException {
        final URI uri = serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        final byte[] body = "{}\n".getBytes(StandardCharsets.UTF_8);
        try (Http11Connection c = new Http11Connection(uri, "application/x-ndjson")) {
            assertThatThrownBy(() -> c.post(body, 0, body.length)).isInstanceOf(IOException.class)
                    .hasMessageContaining("unsupported response framing: chunked");
        }
    }
}

package io.watchfloor.ingest.http;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.time.ManualClock;
import io.watchfloor.ingest.transport.IngestTransport;
import io.watchfloor.ingest.transport.StallableEventPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HttpIngestListenerTest {
    private static IngestTransport transport;
    private static HttpClient client;

    private final IngestCounters counters = new IngestCounters();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private HttpIngestListener listener;
    private int port;

    @BeforeAll
    static void startTransport() {
        transport = IngestTransport.create(2);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    @AfterEach
    void closeListener() {
        if (listener != null) {
            listener.close();
        }
    }

    private StallableEventPublisher start(int capacity, int maxBodyBytes, int maxDecompressedBytes, int maxLineBytes) {
        return start(capacity, maxBodyBytes, maxDecompressedBytes, maxLineBytes,
                HttpIngestConfig.DEFAULT_PUBLISH_DEADLINE_MS, HttpIngestConfig.DEFAULT_READ_TIMEOUT_MS);
    }

    private StallableEventPublisher start(int capacity, int maxBodyBytes, int maxDecompressedBytes, int maxLineBytes,
                                          long publishDeadlineMs, long readTimeoutMs) {
        final StallableEventPublisher publisher = new StallableEventPublisher(capacity);
        listener = new HttpIngestListener(new HttpIngestConfig("127.0.0.1", 0, maxBodyBytes, maxDecompressedBytes,
                maxLineBytes, 4, 16, publishDeadlineMs, readTimeoutMs), publisher, counters, clock, transport);
        port = listener.start();
        return publisher;
    }

    private StallableEventPublisher start(int capacity) {
        return start(capacity, 64 * 1024, 256 * 1024, 1024);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    private CompletableFuture<HttpResponse<String>> post(String body) {
        return client.sendAsync(request("/ingest").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> drainUntilAnswered(StallableEventPublisher publisher,
                                                           CompletableFuture<HttpResponse<String>> response) {
        await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20)).until(() -> {
            publisher.drain();
            return response.isDone();
        });
        return response.join();
    }

    @Test
    void shouldReportAcceptedAndRejectedLinesAfterJournal() {
        final StallableEventPublisher publisher = start(100);
        final String body = "{\"host\":{\"name\":\"web-1.example.com\"},\"msg\":\"a\"}\n"
                + "not json\n"
                + "\n"
                + "{\"source\":{\"ip\":\"198.51.100.7\"}}\r\n"
                + "[1,2]\n"
                + "   \n"
                + "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}\n"
                + "{\"last\":true}";
        final CompletableFuture<HttpResponse<String>> response = post(body);

        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.inRing() == 3);
        // the journal has not answered yet: neither has the listener
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !response.isDone());

        publisher.drain();
        final HttpResponse<String> answer = response.join();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(answer.body()).isEqualTo("{\"accepted\":3,\"rejected\":3,\"errors\":["
                + "{\"line\":2,\"reason\":\"not_json\"},{\"line\":5,\"reason\":\"not_object\"},"
                + "{\"line\":7,\"reason\":\"too_deep\"}]}");
        assertThat(publisher.drainedTexts()).containsExactly(
                "{\"host\":{\"name\":\"web-1.example.com\"},\"msg\":\"a\"}",
                "{\"source\":{\"ip\":\"198.51.100.7\"}}", "{\"last\":true}");
        final Event first = publisher.drainedEvents().get(0);
        assertThat(first.listener()).isEqualTo(Listener.HTTP);
        assertThat(first.peer()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(first.receivedAtMs()).isEqualTo(clock.nowMs());
        assertThat(counters.received(Listener.HTTP)).isEqualTo(6);
        assertThat(counters.rejected(Listener.HTTP)).isEqualTo(3);
    }

    @Test
    void shouldAcceptGzipBody() throws IOException {
        final StallableEventPublisher publisher = start(100);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("{\"n\":1}\n{\"n\":2}\n".getBytes(StandardCharsets.UTF_8));
        }
        final CompletableFuture<HttpResponse<String>> response = client.sendAsync(request("/ingest")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> answer = drainUntilAnswered(publisher, response);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"accepted\":2,\"rejected\":0,\"errors\":[]}");
        assertThat(publisher.drainedTexts()).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void shouldAnswer413WhenBodyIsTooLarge() {
        final StallableEventPublisher publisher = start(100, 1024, 4096, 1024);
        final HttpResponse<String> answer = post("{\"pad\":\"" + "x".repeat(4000) + "\"}\n").join();
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("\"error\":\"body_too_large\"");
        assertThat(publisher.publishedCount()).isZero();
        assertThat(listener.oversizeRequests()).isEqualTo(1);
    }

    @Test
    void shouldAnswer413WhenDecompressedBodyIsTooLarge() throws IOException {
        final StallableEventPublisher publisher = start(100, 64 * 1024, 4096, 1024);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(("{\"pad\":\"" + "x".repeat(100_000) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        final HttpResponse<String> answer = client.sendAsync(request("/ingest").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString()).join();
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("\"error\":\"decompressed_too_large\"");
        assertThat(publisher.publishedCount()).isZero();
    }

    @Test
    void shouldRejectTooLongLineOnly() {
        final StallableEventPublisher publisher = start(100, 64 * 1024, 256 * 1024, 64);
        final CompletableFuture<HttpResponse<String>> response =
                post("{\"pad\":\"" + "x".repeat(100) + "\"}\n{\"ok\":1}\n");
        final HttpResponse<String> answer = drainUntilAnswered(publisher, response);
        assertThat(answer.body()).isEqualTo(
                "{\"accepted\":1,\"rejected\":1,\"errors\":[{\"line\":1,\"reason\":\"line_too_long\"}]}");
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenRingIsFull() {
        final StallableEventPublisher publisher = start(4);
        final CompletableFuture<HttpResponse<String>> first = post("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.inRing() == 3);

        final HttpResponse<String> refused = post("{\"n\":4}\n{\"n\":5}\nbad\n").join();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
        assertThat(refused.body()).startsWith("{\"error\":\"ring_full\",\"accepted\":0,\"rejected\":3,");
        assertThat(listener.ringFullRequests()).isEqualTo(1);

        assertThat(drainUntilAnswered(publisher, first).statusCode()).isEqualTo(200);
        assertThat(counters.received(Listener.HTTP)).isEqualTo(6);
        assertThat(counters.rejected(Listener.HTTP)).isEqualTo(3);
        assertThat(publisher.drainedTexts()).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    }

    @Test
    void shouldPublishBodyLargerThanTheRingAsTheRingDrains() {
        final StallableEventPublisher publisher = start(2);
        final CompletableFuture<HttpResponse<String>> response =
                post("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\nbad\n{\"n\":5}\n");
        final HttpResponse<String> answer = drainUntilAnswered(publisher, response);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(
                "{\"accepted\":4,\"rejected\":1,\"errors\":[{\"line\":4,\"reason\":\"not_json\"}]}");
        assertThat(publisher.drainedTexts()).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":5}");
        assertThat(counters.received(Listener.HTTP)).isEqualTo(5);
        assertThat(counters.rejected(Listener.HTTP)).isEqualTo(1);
    }

    @Test
    void shouldAcceptEveryLineOfABodyManyTimesTheRingWhileAConsumerDrains() {
        final StallableEventPublisher publisher = start(64);
        final StringBuilder body = new StringBuilder();
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            final String line = "{\"i\":" + i + "}";
            body.append(line).append('\n');
            expected.add(line);
        }
        final HttpResponse<String> answer = drainUntilAnswered(publisher, post(body.toString()));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"accepted\":1000,\"rejected\":0,\"errors\":[]}");
        assertThat(publisher.drainedTexts()).containsExactlyElementsOf(expected);
        assertThat(counters.received(Listener.HTTP)).isEqualTo(1000);
        assertThat(counters.rejected(Listener.HTTP)).isZero();
        assertThat(listener.ringFullRequests()).isZero();
    }

    @Test
    void shouldAcceptABodyOfManyRingsInLinearTime() {
        // the tester's case scaled down (they sent 200,000 lines through 65,536 slots; this test ring keeps every
        // drained event, so 50,000 lines through 4,096 slots): the old code lost every line past the first chunk
        // and rescanned the body for each lost line
        final StallableEventPublisher publisher = start(4096, 4 * 1024 * 1024, 4 * 1024 * 1024, 1024);
        final StringBuilder body = new StringBuilder(2 * 1024 * 1024);
        for (int i = 0; i < 50_000; i++) {
            body.append("{\"host\":\"web-1.example.com\",\"i\":").append(i).append("}\n");
        }
        final HttpResponse<String> answer = drainUntilAnswered(publisher, post(body.toString()));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"accepted\":50000,\"rejected\":0,\"errors\":[]}");
        final List<String> drained = publisher.drainedTexts();
        assertThat(drained).hasSize(50_000).endsWith("{\"host\":\"web-1.example.com\",\"i\":49999}");
        assertThat(counters.received(Listener.HTTP)).isEqualTo(50_000);
        assertThat(counters.rejected(Listener.HTTP)).isZero();
    }

    @Test
    void shouldAnswer503WithJournaledCountWhenTheRingStaysFullPastTheDeadline() {
        final StallableEventPublisher publisher = start(64, 64 * 1024, 256 * 1024, 1024, 300, 30_000);
        final StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            body.append(i == 10 ? "bad" : "{\"i\":" + i + "}").append('\n');
        }
        final CompletableFuture<HttpResponse<String>> response = post(body.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.inRing() == 64);
        // the consumer stalls: the deadline passes, the unpublished lines are given up
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.ringFullRequests() == 1);
        // the answer still waits for the journal to have the published ones
        assertThat(response).isNotDone();
        publisher.drain();
        final HttpResponse<String> answer = response.join();

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("retry-after")).hasValue("1");
        // 999 valid lines: 64 journaled, 935 ring_full, plus 1 not_json; the first ring_full line is body line 66
        assertThat(answer.body()).startsWith("{\"error\":\"ring_full\",\"accepted\":64,\"rejected\":936,"
                + "\"retry\":true,\"errors\":[{\"line\":11,\"reason\":\"not_json\"},"
                + "{\"line\":66,\"reason\":\"ring_full\"},{\"line\":67,\"reason\":\"ring_full\"},");
        assertThat(answer.body()).endsWith("],\"errors_truncated\":true}");
        assertThat(publisher.drainedTexts()).hasSize(64).startsWith("{\"i\":0}").endsWith("{\"i\":64}");
        assertThat(counters.received(Listener.HTTP)).isEqualTo(1000);
        assertThat(counters.rejected(Listener.HTTP)).isEqualTo(936);
        assertThat(counters.received(Listener.HTTP))
                .isEqualTo(publisher.drainedTexts().size() + counters.rejected(Listener.HTTP));
        // nothing more is published later
        assertThat(publisher.publishedCount()).isEqualTo(64);
    }

    @Test
    void shouldAnswer500WhenJournalFails() {
        final StallableEventPublisher publisher = start(10);
        final CompletableFuture<HttpResponse<String>> response = post("{\"n\":1}\n{\"n\":2}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.inRing() == 2);
        publisher.drain(true);
        final HttpResponse<String> answer = response.join();
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("\"error\":\"journal_failed\"", "\"failed\":2");
    }

    @Test
    void shouldAnswer404And405() {
        start(10);
        final HttpResponse<String> notFound = client.sendAsync(request("/other")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).join();
        assertThat(notFound.statusCode()).isEqualTo(404);
        final HttpResponse<String> wrongMethod = client.sendAsync(request("/ingest").GET().build(),
                HttpResponse.BodyHandlers.ofString()).join();
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void shouldServeManyRequestsOnOneConnectionInOrder() {
        final StallableEventPublisher publisher = start(1000);
        for (int i = 0; i < 20; i++) {
            final HttpResponse<String> answer = drainUntilAnswered(publisher, post("{\"i\":" + i + "}\n"));
            assertThat(answer.body()).isEqualTo("{\"accepted\":1,\"rejected\":0,\"errors\":[]}");
        }
        assertThat(publisher.drainedTexts()).hasSize(20).endsWith("{\"i\":19}");
        assertThat(List.of(counters.received(Listener.HTTP), counters.rejected(Listener.HTTP))).containsExactly(20L, 0L);
    }

    private Socket rawConnection(String head) throws IOException {
        final Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Reads until the server closes the connection (a read timeout fails the test). */
    private static String readUntilClosed(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldCloseASilentConnectionAfterTheReadTimeoutWhileServingOthers() throws IOException {
        final StallableEventPublisher publisher = start(100, 64 * 1024, 256 * 1024, 1024,
                HttpIngestConfig.DEFAULT_PUBLISH_DEADLINE_MS, 300);
        try (Socket slow = rawConnection("POST /ingest HTTP/1.1\r\nHost: example.com\r\n"
                + "Content-Length: 100\r\n\r\n{\"")) {
            final HttpResponse<String> served = drainUntilAnswered(publisher, post("{\"ok\":1}\n"));
            assertThat(served.statusCode()).isEqualTo(200);

            assertThat(readUntilClosed(slow)).isEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.readTimeouts() == 1);
        assertThat(counters.received(Listener.HTTP)).isEqualTo(1);
        assertThat(publisher.drainedTexts()).containsExactly("{\"ok\":1}");
    }

    @Test
    void shouldNotTimeOutAConnectionWaitingForTheJournal() {
        final StallableEventPublisher publisher = start(10, 64 * 1024, 256 * 1024, 1024,
                HttpIngestConfig.DEFAULT_PUBLISH_DEADLINE_MS, 200);
        final CompletableFuture<HttpResponse<String>> response = post("{\"n\":1}\n{\"n\":2}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.inRing() == 2);
        // several read timeouts pass while the journal is stalled: the connection stays open
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> !response.isDone() && listener.readTimeouts() == 0);
        publisher.drain();
        final HttpResponse<String> answer = response.join();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"accepted\":2,\"rejected\":0,\"errors\":[]}");
    }

    @Test
    void shouldNotTimeOutAConnectionWaitingForRingRoom() {
        final StallableEventPublisher publisher = start(4, 64 * 1024, 256 * 1024, 1024,
                HttpIngestConfig.DEFAULT_PUBLISH_DEADLINE_MS, 200);
        final CompletableFuture<HttpResponse<String>> response =
                post("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n{\"n\":4}\n{\"n\":5}\n{\"n\":6}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.inRing() == 4);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> !response.isDone() && listener.readTimeouts() == 0);
        final HttpResponse<String> answer = drainUntilAnswered(publisher, response);
        assertThat(answer.body()).isEqualTo("{\"accepted\":6,\"rejected\":0,\"errors\":[]}");
        assertThat(publisher.drainedTexts()).hasSize(6).endsWith("{\"n\":6}");
    }

    @Test
    void shouldAnswer431WhenAHeaderIsTooLarge() throws IOException {
        final StallableEventPublisher publisher = start(10);
        try (Socket socket = rawConnection("POST /ingest HTTP/1.1\r\nHost: example.com\r\nX-Padding: "
                + "x".repeat(20_000) + "\r\nContent-Length: 8\r\n\r\n{\"n\":1}")) {
            final String answer = readUntilClosed(socket);
            assertThat(answer).startsWith("HTTP/1.1 431 ").contains("connection: close")
                    .endsWith("{\"error\":\"header_too_large\"}");
        }
        assertThat(publisher.publishedCount()).isZero();
        assertThat(counters.received(Listener.HTTP)).isZero();
    }

    @Test
    void shouldAnswer400WhenTheRequestLineIsTooLong() throws IOException {
        start(10);
        try (Socket socket = rawConnection("POST /ingest?" + "q".repeat(8_000) + " HTTP/1.1\r\n"
                + "Host: example.com\r\nContent-Length: 2\r\n\r\n{}")) {
            final String answer = readUntilClosed(socket);
            assertThat(answer).startsWith("HTTP/1.1 400 ").endsWith("{\"error\":\"request_line_too_long\"}");
        }
    }

    private static byte[] gzip(String text) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private CompletableFuture<HttpResponse<String>> postGzip(byte[] body) {
        return client.sendAsync(request("/ingest").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRejectGzipWithTrailingGarbage() throws IOException {
        final StallableEventPublisher publisher = start(10);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(gzip("{\"n\":1}\n"));
        body.write("trailing garbage".getBytes(StandardCharsets.UTF_8));
        final HttpResponse<String> answer = postGzip(body.toByteArray()).join();
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":\"invalid_gzip\"}");

        final byte[] whole = gzip("{\"n\":1}\n");
        final HttpResponse<String> truncated = postGzip(Arrays.copyOf(whole, whole.length - 3)).join();
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).isEqualTo("{\"error\":\"invalid_gzip\"}");
        assertThat(publisher.publishedCount()).isZero();
        assertThat(counters.received(Listener.HTTP)).isZero();
    }

    @Test
    void shouldAcceptConcatenatedGzipMembers() throws IOException {
        final StallableEventPublisher publisher = start(10);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(gzip("{\"n\":1}\n"));
        body.write(gzip("{\"n\":2}\n"));
        final HttpResponse<String> answer = drainUntilAnswered(publisher, postGzip(body.toByteArray()));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(publisher.drainedTexts()).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderWhileTheFirstWaitsForRingRoom() throws IOException {
        final StallableEventPublisher publisher = start(2);
        final String first = "{\"r\":1,\"n\":1}\n{\"r\":1,\"n\":2}\n{\"r\":1,\"n\":3}\n";
        final String second = "{\"r\":2}\n";
        try (Socket socket = rawConnection("POST /ingest HTTP/1.1\r\nHost: example.com\r\nContent-Length: "
                + first.length() + "\r\n\r\n" + first
                + "POST /ingest HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\nContent-Length: "
                + second.length() + "\r\n\r\n" + second)) {
            final CompletableFuture<String> answers = CompletableFuture.supplyAsync(() -> {
                try {
                    return readUntilClosed(socket);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20)).until(() -> {
                publisher.drain();
                return answers.isDone();
            });
            final String text = answers.join();
            assertThat(text.indexOf("{\"accepted\":3,")).isPositive()
                    .isLessThan(text.indexOf("{\"accepted\":1,"));
        }
        assertThat(publisher.drainedTexts()).containsExactly("{\"r\":1,\"n\":1}", "{\"r\":1,\"n\":2}",
                "{\"r\":1,\"n\":3}", "{\"r\":2}");
    }
}

package io.tatra.bybit.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** One HTTP exchange: what the client needs from the network, so that tests can put a fake in its place. */
@FunctionalInterface
public interface Transport {
    /** An HTTP answer: status, body, headers (names lower-cased). */
    record Reply(int status, String body, Map<String, String> headers) {}

    /** Sends a request; an {@link IOException} means no answer arrived (the request may or may not have been carried out). */
    Reply send(String method, URI uri, Map<String, String> headers, String body) throws IOException;

    /** {@code java.net.http} with a per-request timeout; answers over {@code maxBodyChars} are refused. */
    static Transport http(Duration timeout, int maxBodyChars) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        return (method, uri, headers, body) -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
            headers.forEach(b::header);
            b.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            try {
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.body().length() > maxBodyChars) throw new IOException("answer of " + r.body().length() + " characters exceeds " + maxBodyChars);
                Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                r.headers().map().forEach((k, v) -> { if (!v.isEmpty()) h.put(k, v.get(0)); });
                return new Reply(r.statusCode(), r.body(), h);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        };
    }
}

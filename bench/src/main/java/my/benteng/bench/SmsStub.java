package my.benteng.bench;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMS gateway as the service sees it: {@code POST /sms {"to","text","reference"}} with a bearer token,
 * 200 for every accepted message. It records every message by destination — this is what "actually
 * received" means in the attack replay — and hands the code in the text to simulated legitimate users.
 */
final class SmsStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6,8})\\b");

    private final HttpServer server;
    private final String token;
    private final Map<String, List<String>> byDestination = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final java.util.Set<String> references = ConcurrentHashMap.newKeySet();

    SmsStub(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/sms", exchange -> {
            try (exchange) {
                if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    unauthorized.incrementAndGet();
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                JsonNode m = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String to = m.get("to").asString();
                if (!references.add(m.get("reference").asString())) {
                    duplicates.incrementAndGet();
                }
                List<String> texts = byDestination.computeIfAbsent(to, k -> new ArrayList<>());
                synchronized (texts) {
                    texts.add(m.get("text").asString());
                    texts.notifyAll();
                }
                received.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
    }

    String token() {
        return token;
    }

    /** The code in the n-th (1-based) SMS to this number, waiting up to timeoutMillis for it; null if none came. */
    String awaitCode(String to, int nth, long timeoutMillis) throws InterruptedException {
        List<String> texts = byDestination.computeIfAbsent(to, k -> new ArrayList<>());
        long deadline = AttackReplay.WALL.millis() + timeoutMillis;
        synchronized (texts) {
            while (texts.size() < nth) {
                long left = deadline - AttackReplay.WALL.millis();
                if (left <= 0) {
                    return null;
                }
                texts.wait(left);
            }
            Matcher m = CODE.matcher(texts.get(nth - 1));
            return m.find() ? m.group(1) : null;
        }
    }

    /** Messages received per destination (numbers with none are absent). */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        byDestination.forEach((k, v) -> {
            synchronized (v) {
                if (!v.isEmpty()) {
                    counts.put(k, v.size());
                }
            }
        });
        return counts;
    }

    int received() {
        return received.get();
    }

    int unauthorized() {
        return unauthorized.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

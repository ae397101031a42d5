package my.benteng.messaging.internal;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

/** A real HTTP SMS gateway on a free local port: records what it receives, answers 200 unless told otherwise. */
final class SmsGatewayStub implements AutoCloseable {

    record Received(String to, String text, String reference, String authorization) {
    }

    /** For {@link #answer}: take the request, then never answer (until the stub is closed). */
    static final int NO_ANSWER = -1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> scripted = new ConcurrentLinkedDeque<>();
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    SmsGatewayStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sms", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Integer status = scripted.poll();
            synchronized (received) {
                received.add(new Received(body.path("to").asString(), body.path("text").asString(),
                        body.path("reference").asString(), exchange.getRequestHeaders().getFirst("Authorization")));
            }
            if (status != null && status == NO_ANSWER) {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
    }

    /** The next requests get these statuses, in order; after that 200 again. */
    void answer(int... statuses) {
        for (int s : statuses) {
            scripted.add(s);
        }
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<String> referencesFor(java.util.UUID id) {
        return received().stream().map(Received::reference).filter(id.toString()::equals).toList();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}

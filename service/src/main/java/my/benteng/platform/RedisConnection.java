package my.benteng.platform;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One Redis connection of a limit store, kept the way a limit needs it: connected at start (by {@link #answers()}),
 * commands that fail at once while disconnected instead of queueing (a limit that waits is an outage), a connect
 * timeout separate from the command timeout, and a lost connection re-opened by Lettuce with a backoff of at most
 * {@link #RECONNECT_MAX}. Callers fail closed while there is no open connection.
 */
public final class RedisConnection implements AutoCloseable {

    /** Ceiling of the reconnect backoff, and so the Retry-After of a refusal while Redis does not answer. */
    public static final Duration RECONNECT_MAX = Duration.ofSeconds(1);

    private final RedisClient client;
    private final ClientResources resources;
    private final Duration commandTimeout;
    private final Consumer<StatefulRedisConnection<String, String>> onConnect;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long lastFailedConnectNanos;
    private volatile boolean connectFailed;

    /**
     * Does not connect: {@link #answers()} or {@link #get()} does.
     *
     * @param commandTimeout longest wait for one command before failing closed
     * @param connectTimeout longest wait for a new connection (start, and after a loss): a cold start on a loaded machine
     *                       needs more than a command does
     * @param onConnect      runs on each new connection before it is used (e.g. loading scripts); a failure fails the connect
     */
    public RedisConnection(String redisUrl, Duration commandTimeout, Duration connectTimeout,
                           Consumer<StatefulRedisConnection<String, String>> onConnect) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(commandTimeout);
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.commandTimeout = commandTimeout;
        this.onConnect = onConnect;
    }

    /**
     * The open connection, or a new one when there never was one. One thread connects at a time; after a failed attempt
     * the next is made no sooner than {@link #RECONNECT_MAX} later, and callers meanwhile fail at once.
     *
     * @throws RedisConnectionException while there is no open connection (reconnecting, or not connected)
     */
    public StatefulRedisConnection<String, String> get() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            if (c.isOpen()) {
                return c;
            }
            throw new RedisConnectionException("reconnecting"); // Lettuce's watchdog is re-opening it
        }
        if (recentlyFailed()) {
            throw new RedisConnectionException("not connected");
        }
        connecting.lock(); // held for at most one connect timeout; callers behind it then use its connection or its failure
        try {
            if (connection != null) {
                return get();
            }
            if (recentlyFailed()) {
                throw new RedisConnectionException("not connected");
            }
            try {
                c = client.connect();
                c.setTimeout(commandTimeout);
                onConnect.accept(c);
            } catch (RuntimeException e) {
                if (c != null) {
                    c.close();
                }
                lastFailedConnectNanos = System.nanoTime();
                connectFailed = true;
                throw e;
            }
            connection = c;
            return c;
        } finally {
            connecting.unlock();
        }
    }

    /** Connects if need be, then PING: true when Redis answered within the command timeout. Never throws. */
    public boolean answers() {
        try {
            return "PONG".equals(get().sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean recentlyFailed() {
        return connectFailed && System.nanoTime() - lastFailedConnectNanos < RECONNECT_MAX.toNanos();
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "RedisConnection[url=redacted]"; // a Redis URL may carry a password
    }
}

package my.benteng.platform;

/**
 * The shared limit store (Redis) could not be reached. Limits fail closed: the platform answers the
 * request with a 503 problem and {@code Retry-After}, never by letting it through uncounted.
 */
public class LimitStoreUnavailableException extends RuntimeException {

    public LimitStoreUnavailableException(Throwable cause) {
        super("limit store unavailable", cause);
    }
}

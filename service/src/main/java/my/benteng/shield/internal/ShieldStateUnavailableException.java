package my.benteng.shield.internal;

/** The shield state could not be reached or answered nonsense; the shield fails closed. */
class ShieldStateUnavailableException extends RuntimeException {

    ShieldStateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

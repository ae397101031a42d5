package my.benteng.detection.internal.correlation;

/** The shared correlation store did not answer (or failed): the observation is counted in this node's memory instead. */
final class CorrelationStoreException extends RuntimeException {

    /** Names only the store and the exception type: a message of a driver may quote a key or a value. */
    CorrelationStoreException(String store, Throwable cause) {
        super("correlation state in " + store + " is unavailable: " + cause.getClass().getSimpleName(), cause);
    }
}

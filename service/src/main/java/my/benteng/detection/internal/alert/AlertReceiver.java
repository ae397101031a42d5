package my.benteng.detection.internal.alert;

/**
 * Somewhere alerts are delivered to (Alertmanager, a webhook). Each has a name, which is the {@code receiver} of its rows
 * in the delivery outbox. Implementations are thread-safe and never throw: every outcome is a {@link Result}.
 */
interface AlertReceiver {

    /** The receiver's name in the outbox: 1 to 32 characters. */
    String name();

    /** Whether a firing alert is sent again at the resend interval (a receiver that expires alerts it stops hearing of). */
    boolean resendsWhileFiring();

    /** Sends one transition of one alert; {@code deliveryId} is the same for every attempt (the receiver's idempotency key). */
    Result deliver(String deliveryId, Transition transition, AlertNotice notice);

    /** What became of one attempt. */
    sealed interface Result {
    }

    /** The receiver took it (2xx). */
    record Delivered() implements Result {
    }

    /** Not taken this time (unreachable, timeout, 408, 429, 5xx): try again later. */
    record Retry(String code) implements Result {
    }

    /** Refused for good (another 4xx): sending the same again would be refused again. */
    record Rejected(String code) implements Result {
    }
}

package my.benteng.detection.internal.alert;

import java.security.SecureRandom;
import java.util.HexFormat;

/** A receiver that only has a name (random, so a test's outbox rows are its own); for tests that never dispatch. */
record NamedReceiver(String name, boolean resendsWhileFiring) implements AlertReceiver {

    private static final SecureRandom RANDOM = new SecureRandom();

    static NamedReceiver fresh(String kind, boolean resends) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return new NamedReceiver(kind + "-" + HexFormat.of().formatHex(b), resends);
    }

    @Override
    public Result deliver(String deliveryId, Transition transition, AlertNotice notice) {
        throw new UnsupportedOperationException("never dispatched");
    }
}

package my.benteng.otp.internal;

import my.benteng.messaging.Messaging;
import my.benteng.shield.Channel;
import my.benteng.shield.SpendStatus;

/** Reads the messaging spend meter in the shield's terms, so the spend rule sees the caps before a code is made. */
final class SpendGauge {

    private SpendGauge() {
    }

    static SpendStatus status(Messaging messaging, Channel channel) {
        my.benteng.messaging.Channel c = channel == Channel.SMS ? my.benteng.messaging.Channel.SMS : my.benteng.messaging.Channel.EMAIL;
        return switch (messaging.spendLevel(c)) {
            case NORMAL -> SpendStatus.NORMAL;
            case NEAR_CAP -> SpendStatus.NEAR_CAP;
            case OVER_CAP -> SpendStatus.OVER_CAP;
        };
    }
}

package my.benteng.otp.internal;

import my.benteng.messaging.Messaging;
import my.benteng.shield.Channel;
import my.benteng.shield.SpendStatus;
import org.springframework.stereotype.Component;

/** Reads the messaging spend meter in the shield's terms, so the spend rule sees the caps before a code is made. */
@Component
class SpendGauge {

    private final Messaging messaging;

    SpendGauge(Messaging messaging) {
        this.messaging = messaging;
    }

    SpendStatus status(Channel channel) {
        my.benteng.messaging.Channel c = channel == Channel.SMS ? my.benteng.messaging.Channel.SMS : my.benteng.messaging.Channel.EMAIL;
        return switch (messaging.spendLevel(c)) {
            case NORMAL -> SpendStatus.NORMAL;
            case NEAR_CAP -> SpendStatus.NEAR_CAP;
            case OVER_CAP -> SpendStatus.OVER_CAP;
        };
    }
}

package my.benteng.otp.internal;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.messaging.Messaging;
import my.benteng.shield.PrefixBlocked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the shield blocks a number prefix, the codes it had quarantined for that prefix are cancelled before
 * they leave the outbox: they went to numbers nobody had verified, in a range under attack.
 */
@Component
class HeldCodeCanceller {

    private final Messaging messaging;
    private final AuditLog audit;

    HeldCodeCanceller(Messaging messaging, AuditLog audit) {
        this.messaging = messaging;
        this.audit = audit;
    }

    @EventListener
    void prefixBlocked(PrefixBlocked event) {
        int cancelled = messaging.cancelHeld(event.holdKey());
        if (cancelled > 0) {
            audit.record(AuditEvent.named("otp_codes_cancelled").outcome(AuditOutcome.DENIED).reason("otp.prefix.blocked")
                    .subject(event.holdKey()).attack("T1496.003").detail("cancelled", cancelled));
        }
    }
}

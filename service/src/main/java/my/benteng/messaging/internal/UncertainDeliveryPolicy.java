package my.benteng.messaging.internal;

import my.benteng.messaging.DeliverySemantics;
import my.benteng.messaging.Template;
import my.benteng.platform.Channel;

/**
 * What becomes of a message whose delivery is uncertain: the claim that sent it ran out of lease while SENDING (its
 * dispatcher died or stalled, perhaps after the provider accepted the message and before the answer was recorded),
 * or the provider took the request and never answered. Resending is safe for {@link DeliverySemantics#AT_LEAST_ONCE}
 * templates (same reference); an {@link DeliverySemantics#AT_MOST_ONCE} message is resent only when it provably
 * never reached a sender or the SMS gateway is declared to deduplicate by reference; otherwise it ends UNCERTAIN.
 */
final class UncertainDeliveryPolicy {

    /** The decision and a stable reason code for logs and the audit log. */
    record Verdict(boolean resend, String reason) {

        static Verdict resend(String reason) {
            return new Verdict(true, reason);
        }

        static Verdict uncertain(String reason) {
            return new Verdict(false, reason);
        }
    }

    private final boolean smsGatewayDeduplicates;

    /** @param smsGatewayDeduplicates the SMS gateway delivers at most once per reference (declared by configuration) */
    UncertainDeliveryPolicy(boolean smsGatewayDeduplicates) {
        this.smsGatewayDeduplicates = smsGatewayDeduplicates;
    }

    static UncertainDeliveryPolicy from(MessagingProperties properties) {
        return new UncertainDeliveryPolicy(properties.sms().http().deduplicatesByReference());
    }

    /**
     * @param charged whether the message was admitted (charged) before: the dispatcher commits that mark before it
     *                hands anything to a sender, so an uncharged message was never sent
     */
    Verdict decide(Template template, Channel channel, boolean charged) {
        if (!charged) {
            return Verdict.resend("never_sent");
        }
        if (template.delivery() == DeliverySemantics.AT_LEAST_ONCE) {
            return Verdict.resend("at_least_once");
        }
        // only the SMS gateway can be declared idempotent: SMTP servers do not deduplicate by Message-ID
        if (channel == Channel.SMS && smsGatewayDeduplicates) {
            return Verdict.resend("gateway_deduplicates");
        }
        return Verdict.uncertain("at_most_once");
    }
}

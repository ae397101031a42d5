package my.benteng.messaging.internal;

import my.benteng.messaging.DeliverySemantics;
import my.benteng.messaging.Template;
import my.benteng.platform.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingUncertainDeliveryPolicyTest {

    private final UncertainDeliveryPolicy plainGateway = new UncertainDeliveryPolicy(false);
    private final UncertainDeliveryPolicy idempotentGateway = new UncertainDeliveryPolicy(true);

    @Test
    void oneTimeCodesAreAtMostOnceAndEveryOtherTemplateAtLeastOnce() {
        assertThat(Template.OTP_CODE.delivery()).isEqualTo(DeliverySemantics.AT_MOST_ONCE);
        assertThat(Template.CONTACT_NOTIFICATION.delivery()).isEqualTo(DeliverySemantics.AT_LEAST_ONCE);
        assertThat(Template.HELPDESK_ACKNOWLEDGEMENT.delivery()).isEqualTo(DeliverySemantics.AT_LEAST_ONCE);
        assertThat(Template.HELPDESK_AGENT_REPLY.delivery()).isEqualTo(DeliverySemantics.AT_LEAST_ONCE);
    }

    @Test
    void aCodeThatMayHaveBeenSentIsNotSentAgain() {
        assertThat(plainGateway.decide(Template.OTP_CODE, Channel.SMS, true)).isEqualTo(UncertainDeliveryPolicy.Verdict.uncertain("at_most_once"));
        assertThat(plainGateway.decide(Template.OTP_CODE, Channel.EMAIL, true).resend()).isFalse();
    }

    @Test
    void aCodeIsSentAgainOnlyOverAnSmsGatewayThatDeduplicatesByReference() {
        assertThat(idempotentGateway.decide(Template.OTP_CODE, Channel.SMS, true))
                .isEqualTo(UncertainDeliveryPolicy.Verdict.resend("gateway_deduplicates"));
        assertThat(idempotentGateway.decide(Template.OTP_CODE, Channel.EMAIL, true).resend()).as("SMTP does not deduplicate").isFalse();
    }

    @Test
    void aMessageThatWasNeverAdmittedWasNeverSentAndIsSentNow() {
        assertThat(plainGateway.decide(Template.OTP_CODE, Channel.SMS, false)).isEqualTo(UncertainDeliveryPolicy.Verdict.resend("never_sent"));
    }

    @Test
    void atLeastOnceMessagesAreSentAgainUnderTheSameReference() {
        for (Template t : Template.values()) {
            if (t.delivery() == DeliverySemantics.AT_LEAST_ONCE) {
                assertThat(plainGateway.decide(t, Channel.SMS, true).resend()).as(t.name()).isTrue();
                assertThat(plainGateway.decide(t, Channel.EMAIL, true).resend()).as(t.name()).isTrue();
            }
        }
    }
}

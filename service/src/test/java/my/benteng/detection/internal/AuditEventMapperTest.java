package my.benteng.detection.internal;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditOutcome;
import my.benteng.audit.AuditVerification;
import my.benteng.detection.internal.sigma.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Audit entries become ECS-style events; every field produced is one rules may name. */
class AuditEventMapperTest {

    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aShieldRefusalMapsToEcsFields() {
        Event e = AuditEventMapper.map(7, AT, AuditEvent.named("excess_rate_limit_exceeded").outcome(AuditOutcome.DENIED)
                .subject("+6012*****89").clientIp("198.51.100.7").reason("shield.destination.hourly_cap").attack("T1621")
                .detail("channel", "SMS").build());
        assertThat(e.seq()).isEqualTo(7);
        assertThat(e.time()).isEqualTo(AT);
        assertThat(e.fields()).containsEntry("event.action", "excess_rate_limit_exceeded")
                .containsEntry("event.outcome", "failure").containsEntry("event.type", "denied")
                .containsEntry("event.category", "intrusion_detection").containsEntry("event.module", "shield")
                .containsEntry("event.reason", "shield.destination.hourly_cap").containsEntry("event.sequence", "7")
                .containsEntry("threat.technique.id", "T1621").containsEntry("source.ip", "198.51.100.7")
                .containsEntry("user.id", "system").containsEntry("benteng.actor.kind", "system")
                .containsEntry("benteng.subject.value", "+6012*****89").containsEntry("benteng.subject.kind", "phone")
                .containsEntry("benteng.subject.range", "+6012").containsEntry("labels.channel", "SMS");
        assertThat(e.fields().keySet()).allMatch(AuditEventMapper.KNOWN_FIELD);
    }

    @Test
    void actorsAndSubjectsAreTypedByTheirPrefix() {
        Event rendition = AuditEventMapper.map(1, AT, AuditEvent.named("sensitive_read").actor("relying-party:rp1")
                .subject("ekyc-image:img1").reason("ekyc.image.rendition").build());
        assertThat(rendition.fields()).containsEntry("benteng.relying_party.id", "rp1").containsEntry("benteng.actor.kind", "relying-party")
                .containsEntry("benteng.subject.kind", "ekyc-image").containsEntry("event.type", "access").containsEntry("event.module", "ekyc");
        Event key = AuditEventMapper.map(2, AT, AuditEvent.named("authn_token_reuse").outcome(AuditOutcome.DENIED)
                .actor("relying-party-key:k1").reason("ekyc.signature.replay").build());
        assertThat(key.fields()).containsEntry("benteng.relying_party.key_id", "k1").doesNotContainKey("benteng.relying_party.id");
        Event citizen = AuditEventMapper.map(3, AT, AuditEvent.named("authn_login_fail").outcome(AuditOutcome.FAILURE)
                .subject("SMS:+6012*****89").build());
        assertThat(citizen.fields()).containsEntry("benteng.subject.kind", "phone").containsEntry("benteng.subject.range", "+6012")
                .containsEntry("event.category", "authentication").containsEntry("event.module", "account");
        Event consent = AuditEventMapper.map(4, AT, AuditEvent.named("consent_granted").actor("citizen:c1").subject("consent:x")
                .detail("relyingParty", "rp9").build());
        assertThat(consent.fields()).containsEntry("benteng.relying_party.id", "rp9").containsEntry("benteng.actor.kind", "citizen");
    }

    @Test
    void aBrokenChainIsAFailedVerificationWithoutSequence() {
        Event e = AuditEventMapper.map(new AuditVerification(false, 16, 17L, AuditVerification.HASH_MISMATCH, 0, null), AT);
        assertThat(e.seq()).isZero();
        assertThat(e.fields()).containsEntry("event.action", "audit_chain_verified").containsEntry("event.outcome", "failure")
                .containsEntry("event.reason", "hash_mismatch").containsEntry("labels.first_broken_seq", "17");
        assertThat(e.fields().keySet()).allMatch(AuditEventMapper.KNOWN_FIELD);
    }

    @Test
    void subjectKindsAndPhoneRanges() {
        assertThat(AuditEventMapper.kind("+6012*****89")).isEqualTo("phone");
        assertThat(AuditEventMapper.kind("ekyc-image:img1")).isEqualTo("ekyc-image");
        assertThat(AuditEventMapper.kind("staff-username:k1")).isEqualTo("staff-username");
        assertThat(AuditEventMapper.kind("a***@***.my")).isEqualTo("email");
        assertThat(AuditEventMapper.kind("Staff:1")).isEqualTo("other");
        assertThat(AuditEventMapper.kind("staff:")).isEqualTo("other");
        assertThat(AuditEventMapper.kind("ekyc_image:1")).isEqualTo("other");
        assertThat(AuditEventMapper.kind("tracing")).isEqualTo("other");
        assertThat(AuditEventMapper.phoneHead("+6012*****89")).isEqualTo("+6012");
        assertThat(AuditEventMapper.phoneHead("+1*****89")).isEqualTo("+1");
        assertThat(AuditEventMapper.phoneHead("+601234*89")).isNull();
        assertThat(AuditEventMapper.phoneHead("+60123456789")).isNull();
        assertThat(AuditEventMapper.phoneHead("+*****")).isNull();
        assertThat(AuditEventMapper.phoneHead("6012*****89")).isNull();
    }
}

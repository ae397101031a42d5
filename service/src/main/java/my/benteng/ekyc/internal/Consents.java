package my.benteng.ekyc.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.RandomIds;
import my.benteng.account.Citizens;
import my.benteng.account.CitizenId;
import my.benteng.account.Purpose;
import my.benteng.account.VerificationTokens;
import my.benteng.account.VerifiedContact;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.otp.AccountCodes;
import my.benteng.platform.ClientIp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Citizen consent to one relying party and purpose. The confirming code goes only to the contact on the
 * citizen's account (read here from the account module, never from a request) through the otp module's
 * normal machinery; confirmation redeems the resulting EKYC_CONSENT verification token and checks that it
 * was made for that same contact.
 */
@Component
public class Consents {

    public enum Status { PENDING, ACTIVE, REVOKED }

    public record Consent(String id, String citizenId, String relyingPartyId, String purpose, Status status, Instant createdAt,
                   Instant grantedAt, Instant revokedAt) {
        boolean activeFor(RelyingParty party) {
            return status == Status.ACTIVE && relyingPartyId.equals(party.id()) && party.purposes().contains(purpose);
        }
    }

    public sealed interface Started {
        record CodeSent(Consent consent, AccountCodes.Outcome.Sent code) implements Started {
        }

        record CodeRefused(AccountCodes.Outcome outcome) implements Started {
        }

        record NoSuchRelyingParty() implements Started {
        }

        record NoContact() implements Started {
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Citizens citizens;
    private final AccountCodes codes;
    private final VerificationTokens tokens;
    private final RelyingParties parties;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;

    Consents(JdbcClient jdbc, TransactionTemplate transaction, Citizens citizens, AccountCodes codes, VerificationTokens tokens,
             RelyingParties parties, AuditLog audit, Clock clock, SecureRandom random) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.citizens = citizens;
        this.codes = codes;
        this.tokens = tokens;
        this.parties = parties;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    public Started start(CitizenId citizen, String relyingPartyId, String purpose, ClientIp ip, Optional<String> pow) {
        Optional<RelyingParty> party = parseUuid(relyingPartyId).flatMap(parties::find)
                .filter(p -> !p.disabled() && p.purposes().contains(purpose));
        if (party.isEmpty()) {
            return new Started.NoSuchRelyingParty();
        }
        // the destination comes from the account and nowhere else: nobody but the account holder can receive it
        Optional<Contact> contact = citizens.contactOf(citizen);
        if (contact.isEmpty()) {
            return new Started.NoContact();
        }
        AccountCodes.Outcome outcome = codes.send(contact.get(), Purpose.EKYC_CONSENT, ip, pow);
        if (!(outcome instanceof AccountCodes.Outcome.Sent sent)) {
            return new Started.CodeRefused(outcome);
        }
        Instant now = clock.instant();
        Consent consent = new Consent(RandomIds.uuid(random), citizen.value(), party.get().id(), purpose, Status.PENDING, now, null, null);
        jdbc.sql("""
                        INSERT INTO ekyc_consent (id, citizen_id, relying_party_id, purpose, status, created_at)
                        VALUES (:id, :c, :rp, :p, 'PENDING', :now)""")
                .param("id", consent.id()).param("c", citizen.value()).param("rp", consent.relyingPartyId()).param("p", purpose)
                .param("now", now.toEpochMilli()).update();
        return new Started.CodeSent(consent, sent);
    }

    /** Activates a pending consent of this citizen with an EKYC_CONSENT token for the contact on the account. */
    public Optional<Consent> confirm(CitizenId citizen, String consentId, String verificationToken, ClientIp ip) {
        Optional<Consent> pending = find(consentId).filter(c -> c.citizenId().equals(citizen.value()) && c.status() == Status.PENDING);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Optional<VerifiedContact> verified = tokens.redeem(verificationToken, Purpose.EKYC_CONSENT);
        Optional<Contact> onRecord = citizens.contactOf(citizen);
        if (verified.isEmpty() || onRecord.isEmpty() || !verified.get().contact().value().equals(onRecord.get().value())) {
            audit.record(AuditEvent.named("authn_login_fail").outcome(AuditOutcome.DENIED).actor("citizen:" + citizen.value()).clientIp(ip)
                    .reason("ekyc.consent.token_invalid").detail("consent", consentId));
            return Optional.empty();
        }
        long now = clock.millis();
        return transaction.execute(s -> {
            int n = jdbc.sql("UPDATE ekyc_consent SET status = 'ACTIVE', granted_at = :now WHERE id = :id AND status = 'PENDING'")
                    .param("now", now).param("id", consentId).update();
            if (n != 1) {
                return Optional.<Consent>empty();
            }
            Consent c = pending.get();
            audit.record(AuditEvent.named("consent_granted").actor("citizen:" + citizen.value()).clientIp(ip).subject("consent:" + consentId)
                    .reason("ekyc.consent.granted").detail("relyingParty", c.relyingPartyId()).detail("purpose", c.purpose()));
            return find(consentId);
        });
    }

    /** Revokes a consent of this citizen; false when there is none to revoke. The caller shreds its records. */
    public boolean revoke(CitizenId citizen, String consentId, ClientIp ip) {
        long now = clock.millis();
        return Boolean.TRUE.equals(transaction.execute(s -> {
            int n = jdbc.sql("""
                            UPDATE ekyc_consent SET status = 'REVOKED', revoked_at = :now
                            WHERE id = :id AND citizen_id = :c AND status <> 'REVOKED'""")
                    .param("now", now).param("id", consentId).param("c", citizen.value()).update();
            if (n == 1) {
                audit.record(AuditEvent.named("consent_revoked").actor("citizen:" + citizen.value()).clientIp(ip).subject("consent:" + consentId)
                        .reason("ekyc.consent.revoked"));
            }
            return n == 1;
        }));
    }

    Optional<Consent> find(String consentId) {
        if (parseUuid(consentId).isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id, citizen_id, relying_party_id, purpose, status, created_at, granted_at, revoked_at
                        FROM ekyc_consent WHERE id = :id""").param("id", consentId).query(Consents::row).optional();
    }

    public List<Consent> of(CitizenId citizen) {
        return jdbc.sql("""
                        SELECT id, citizen_id, relying_party_id, purpose, status, created_at, granted_at, revoked_at
                        FROM ekyc_consent WHERE citizen_id = :c ORDER BY created_at DESC""").param("c", citizen.value())
                .query(Consents::row).list();
    }

    public static Optional<String> parseUuid(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text).toString()).filter(text::equals);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Consent row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Consent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Status.valueOf(rs.getString(5)),
                Instant.ofEpochMilli(rs.getLong(6)), instant(rs.getObject(7)), instant(rs.getObject(8)));
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}

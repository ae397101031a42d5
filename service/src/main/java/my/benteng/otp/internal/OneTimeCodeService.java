package my.benteng.otp.internal;

import my.benteng.platform.RandomIds;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.messaging.Messaging;
import my.benteng.messaging.Minutes;
import my.benteng.messaging.OtpCode;
import my.benteng.messaging.Recipient;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.account.Contact;
import my.benteng.account.VerificationTokens;
import my.benteng.account.VerifiedContact;
import my.benteng.otp.Purpose;
import my.benteng.platform.ClientIp;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import my.benteng.shield.Attempt;
import my.benteng.shield.Channel;
import my.benteng.shield.Destination;
import my.benteng.shield.ResendCooldown;
import my.benteng.shield.Shield;
import my.benteng.shield.SpendStatus;
import my.benteng.shield.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies one-time codes. Order of checks on verification follows Keycloak's OTP
 * authenticator: lockout first, then the code, then an audit event for every decision.
 */
@Service("otpVerificationTokens")
class OneTimeCodeService implements VerificationTokens, my.benteng.otp.AccountCodes {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Shield shield;
    private final Messaging messaging;
    private final AuditLog audit;
    private final MeterRegistry meters;
    private final Clock clock;
    private final SecureRandom random;
    private final OtpProperties properties;
    private final Secrets secrets;
    private final SpendGauge spend;

    OneTimeCodeService(JdbcClient jdbc, TransactionTemplate transaction, Shield shield, Messaging messaging, AuditLog audit,
                       MeterRegistry meters, Clock clock, SecureRandom random, OtpProperties properties, Secrets secrets,
                       SpendGauge spend) {
        this.spend = spend;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.shield = shield;
        this.messaging = messaging;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
        this.random = random;
        this.properties = properties;
        this.secrets = secrets;
    }

    /** The outcome of a request for a code. */
    sealed interface IssueResult {
        record Issued(UUID requestId, Instant expiresAt, Instant resendAfter) implements IssueResult {
        }

        record Refused(Verdict verdict) implements IssueResult {
        }

        record TooSoon(Duration retryAfter) implements IssueResult {
        }
    }

    IssueResult issue(Destination destination, Purpose purpose, ClientIp ip, Optional<String> clientId, Optional<String> pow,
                      SpendStatus spend) {
        Instant now = clock.instant();
        Channel channel = destination instanceof Destination.Phone ? Channel.SMS : Channel.EMAIL;
        Attempt attempt = new Attempt(destination, channel, purpose.name(), ip, clientId, pow, spend);
        // the resend cooldown is one of the shield's limits, decided in its atomic step behind the proof of work:
        // a free 429 would tell anyone which numbers are receiving codes right now, and a separate read here
        // would let two parallel requests both pass it
        Verdict verdict = shield.assess(attempt, new ResendCooldown(properties.resendCooldowns(), properties.cooldownMemory()));
        if (verdict instanceof Verdict.Deny d && d.reason().equals(ResendCooldown.REASON)) {
            count("too_soon");
            return new IssueResult.TooSoon(d.retryAfter());
        }
        if (!(verdict instanceof Verdict.Allow allow)) {
            count("refused");
            return new IssueResult.Refused(verdict);
        }
        String destinationHash = secrets.mac("destination", destination.canonical());
        long earlierCodes = jdbc.sql("""
                        SELECT COUNT(*) FROM otp_code WHERE destination_hash = :d AND purpose = :p AND created_at > :since""")
                .param("d", destinationHash).param("p", purpose.name())
                .param("since", now.minus(properties.cooldownMemory()).toEpochMilli()).query(Long.class).single();
        UUID requestId = RandomIds.uuidValue(random);
        String code = newCode();
        Instant expiresAt = now.plus(properties.codeTtl());
        transaction.executeWithoutResult(status -> {
            // a new code revokes every earlier live code for this destination and purpose
            jdbc.sql("""
                            UPDATE otp_code SET revoked_at = :now
                            WHERE destination_hash = :d AND purpose = :p AND used_at IS NULL AND revoked_at IS NULL""")
                    .param("now", now.toEpochMilli()).param("d", destinationHash).param("p", purpose.name()).update();
            jdbc.sql("""
                            INSERT INTO otp_code (id, destination_hash, purpose, channel, destination, code_mac, created_at, expires_at, attempts)
                            VALUES (:id, :d, :p, :c, :dest, :mac, :now, :exp, 0)""")
                    .param("id", requestId.toString()).param("d", destinationHash).param("p", purpose.name())
                    .param("c", channel.name()).param("dest", destination.canonical())
                    .param("mac", secrets.mac("code", requestId.toString(), code))
                    .param("now", now.toEpochMilli()).param("exp", expiresAt.toEpochMilli()).update();
            // the code leaves only through the outbox, in this transaction: no commit, no SMS
            TemplateParameters parameters = TemplateParameters.of(
                    "code", OtpCode.of(code), "minutes", Minutes.of((int) Math.max(1, properties.codeTtl().toMinutes())));
            if (allow.held()) {
                // quarantined by the shield: cancelled unsent if the number's prefix is blocked before it is due
                messaging.enqueueHeld(Template.OTP_CODE, recipient(destination), parameters, allow.hold(), allow.holdKey());
            } else {
                messaging.enqueue(Template.OTP_CODE, recipient(destination), parameters);
            }
            audit.record(AuditEvent.named("authn_token_created").subject(destination).clientIp(ip).reason("otp.code.issued")
                    .detail("purpose", purpose.name()).detail("request", requestId));
        });
        count("issued");
        return new IssueResult.Issued(requestId, expiresAt, now.plus(cooldown(Math.toIntExact(earlierCodes))));
    }

    @Override
    public Outcome send(Contact accountContact, Purpose purpose, ClientIp ip, Optional<String> pow) {
        Destination destination = switch (accountContact.channel()) {
            case SMS -> new Destination.Phone(accountContact.phone());
            case EMAIL -> new Destination.Email(accountContact.email());
        };
        Channel channel = destination instanceof Destination.Phone ? Channel.SMS : Channel.EMAIL;
        return switch (issue(destination, purpose, ip, Optional.empty(), pow, spend.status(channel))) {
            case IssueResult.Issued i -> new Outcome.Sent(i.requestId(), i.expiresAt(), i.resendAfter());
            case IssueResult.Refused r -> new Outcome.Refused(r.verdict());
            case IssueResult.TooSoon t -> new Outcome.TooSoon(t.retryAfter());
        };
    }

    OtpOutcome verify(String requestIdText, String code, ClientIp ip) {
        Instant now = clock.instant();
        UUID requestId;
        try {
            requestId = UUID.fromString(requestIdText);
        } catch (IllegalArgumentException e) {
            return new OtpOutcome.Gone();
        }
        Optional<CodeRow> found = jdbc.sql("""
                        SELECT id, destination_hash, purpose, destination, code_mac, expires_at, attempts, used_at, revoked_at
                        FROM otp_code WHERE id = :id""")
                .param("id", requestId.toString())
                .query((rs, n) -> new CodeRow(rs.getString(1), rs.getString(2), Purpose.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getInt(7), (Long) rs.getObject(8), (Long) rs.getObject(9)))
                .optional();
        if (found.isEmpty()) {
            return new OtpOutcome.Gone();
        }
        CodeRow row = found.get();
        // a fast path only: these reads refuse what is plainly locked or dead without taking a write lock (a flood of
        // guesses against a dead code must not queue on SQLite's one writer); they are not atomic with the count, so
        // every answer that counts or accepts is decided again inside one transaction (rightCode, wrongCode)
        Optional<Long> lockedUntil = jdbc.sql("SELECT locked_until FROM otp_lock WHERE destination_hash = :d AND locked_until > :now")
                .param("d", row.destinationHash()).param("now", now.toEpochMilli()).query(Long.class).optional();
        if (lockedUntil.isPresent()) {
            count("locked");
            return locked(lockedUntil.get(), ip, requestId, now);
        }
        if (row.usedAt() != null || row.revokedAt() != null || row.expiresAt() <= now.toEpochMilli()
                || row.attempts() >= properties.maxAttemptsPerCode()) {
            return new OtpOutcome.Gone();
        }
        if (!Secrets.same(secrets.mac("code", row.id(), code), row.codeMac())) {
            return wrongCode(row, ip, now);
        }
        return rightCode(row, ip, now);
    }

    private OtpOutcome rightCode(CodeRow row, ClientIp ip, Instant now) {
        String token = newToken();
        Instant tokenExpires = now.plus(properties.tokenTtl());
        OtpOutcome outcome = transaction.execute(status -> {
            long lockedUntil = holdDestination(row.destinationHash());
            if (lockedUntil > now.toEpochMilli()) {
                return locked(lockedUntil, ip, UUID.fromString(row.id()), now); // the tenth failure committed since the fast path
            }
            // one statement decides: a code that is used, replaced, expired or out of tries is not accepted, however
            // many verifications of it run at once (the attempt count may have reached the limit since the fast path)
            int updated = jdbc.sql("""
                            UPDATE otp_code SET used_at = :now, destination = ''
                            WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now AND attempts < :max""")
                    .param("now", now.toEpochMilli()).param("id", row.id()).param("max", properties.maxAttemptsPerCode()).update();
            if (updated != 1) {
                return new OtpOutcome.Gone();
            }
            jdbc.sql("""
                            INSERT INTO otp_verification_token (token_hash, purpose, destination, created_at, expires_at)
                            VALUES (:h, :p, :dest, :now, :exp)""")
                    .param("h", secrets.mac("token", token)).param("p", row.purpose().name()).param("dest", row.destination())
                    .param("now", now.toEpochMilli()).param("exp", tokenExpires.toEpochMilli()).update();
            audit.record(AuditEvent.named("authn_login_success").clientIp(ip).reason("otp.code.verified")
                    .detail("purpose", row.purpose().name()).detail("request", row.id()));
            return new OtpOutcome.Verified(token, tokenExpires);
        });
        if (outcome instanceof OtpOutcome.Verified) {
            shield.recordVerified(destinationOf(row.destination()));
            count("verified");
        } else if (outcome instanceof OtpOutcome.Locked) {
            count("locked");
        }
        return outcome;
    }

    private OtpOutcome wrongCode(CodeRow row, ClientIp ip, Instant now) {
        long since = now.minus(Duration.ofHours(1)).toEpochMilli();
        OtpOutcome outcome = transaction.execute(status -> {
            long lockedUntil = holdDestination(row.destinationHash());
            if (lockedUntil > now.toEpochMilli()) {
                return locked(lockedUntil, ip, UUID.fromString(row.id()), now); // not counted: the destination is locked
            }
            // count and compare in one statement: of any number of parallel wrong guesses exactly maxAttemptsPerCode
            // are counted; the rest find the limit reached and get the same answer as a dead code
            Optional<Integer> attempts = jdbc.sql("""
                            UPDATE otp_code SET attempts = attempts + 1
                            WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now AND attempts < :max
                            RETURNING attempts""")
                    .param("id", row.id()).param("now", now.toEpochMilli()).param("max", properties.maxAttemptsPerCode())
                    .query(Integer.class).optional();
            if (attempts.isEmpty()) {
                return new OtpOutcome.Gone();
            }
            jdbc.sql("INSERT INTO otp_failure (destination_hash, failed_at) VALUES (:d, :now)")
                    .param("d", row.destinationHash()).param("now", now.toEpochMilli()).update();
            // exact because holdDestination serialises the failures of this destination until commit
            long failures = jdbc.sql("SELECT COUNT(*) FROM otp_failure WHERE destination_hash = :d AND failed_at > :since")
                    .param("d", row.destinationHash()).param("since", since).query(Long.class).single();
            audit.record(AuditEvent.named("authn_login_fail").outcome(AuditOutcome.FAILURE).clientIp(ip).reason("otp.code.wrong")
                    .attack("T1110").detail("request", row.id()));
            if (failures >= properties.maxFailuresPerHour()) {
                jdbc.sql("UPDATE otp_lock SET locked_until = :u WHERE destination_hash = :d")
                        .param("d", row.destinationHash()).param("u", now.plus(properties.lockDuration()).toEpochMilli()).update();
                audit.record(AuditEvent.named("authn_login_fail_max").outcome(AuditOutcome.DENIED).clientIp(ip)
                        .reason("otp.destination.locked").attack("T1110"));
                return new OtpOutcome.Locked(properties.lockDuration());
            }
            return new OtpOutcome.WrongCode(Math.max(0, properties.maxAttemptsPerCode() - attempts.get()));
        });
        if (!(outcome instanceof OtpOutcome.Gone)) {
            count(outcome instanceof OtpOutcome.Locked ? "locked" : "wrong");
        }
        return outcome;
    }

    /**
     * Takes the destination's {@code otp_lock} row (inserted unlocked if missing) until the transaction ends and returns
     * its {@code locked_until}. Every counted verification of a destination holds it, so the destination's lock, its
     * codes' attempts and its failures per hour are read and written by one verification at a time: a row lock on
     * PostgreSQL (the upsert locks the row like {@code SELECT … FOR UPDATE}, and also when the row is new), and on
     * SQLite the write lock every transaction takes at BEGIN IMMEDIATE.
     */
    private long holdDestination(String destinationHash) {
        return jdbc.sql("""
                        INSERT INTO otp_lock (destination_hash, locked_until) VALUES (:d, 0)
                        ON CONFLICT (destination_hash) DO UPDATE SET locked_until = otp_lock.locked_until
                        RETURNING locked_until""")
                .param("d", destinationHash).query(Long.class).single();
    }

    /** Audits a verification refused because the destination is locked (not counted as a failure); callers count it. */
    private OtpOutcome locked(long lockedUntil, ClientIp ip, UUID requestId, Instant now) {
        audit.record(AuditEvent.named("authn_login_lock").outcome(AuditOutcome.DENIED).clientIp(ip).reason("otp.destination.locked")
                .attack("T1110").detail("request", requestId));
        return new OtpOutcome.Locked(Duration.ofMillis(lockedUntil - now.toEpochMilli()));
    }

    @Override
    public Optional<VerifiedContact> peek(String verificationToken, String purposeName) {
        if (verificationToken == null || !verificationToken.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        Purpose purpose;
        try {
            purpose = Purpose.valueOf(purposeName);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT destination FROM otp_verification_token
                        WHERE token_hash = :h AND purpose = :p AND used_at IS NULL AND expires_at > :now""")
                .param("h", secrets.mac("token", verificationToken)).param("p", purpose.name()).param("now", clock.millis())
                .query(String.class).optional()
                .map(d -> switch (destinationOf(d)) {
                    case Destination.Phone p -> new VerifiedContact(Contact.of(p.number()), purpose.name());
                    case Destination.Email e -> new VerifiedContact(Contact.of(e.address()), purpose.name());
                });
    }

    @Override
    public Optional<VerifiedContact> redeem(String verificationToken, String purposeName) {
        if (verificationToken == null || !verificationToken.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        Purpose purpose;
        try {
            purpose = Purpose.valueOf(purposeName);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        long now = clock.millis();
        String hash = secrets.mac("token", verificationToken);
        return transaction.execute(status -> {
            Optional<String> destination = jdbc.sql("""
                            SELECT destination FROM otp_verification_token
                            WHERE token_hash = :h AND purpose = :p AND used_at IS NULL AND expires_at > :now""")
                    .param("h", hash).param("p", purpose.name()).param("now", now).query(String.class).optional();
            if (destination.isEmpty()) {
                return Optional.<VerifiedContact>empty();
            }
            // single use: of two concurrent redemptions only one sees its UPDATE take effect
            int updated = jdbc.sql("UPDATE otp_verification_token SET used_at = :now, destination = '' WHERE token_hash = :h AND used_at IS NULL")
                    .param("now", now).param("h", hash).update();
            if (updated != 1) {
                return Optional.<VerifiedContact>empty();
            }
            Contact contact = switch (destinationOf(destination.get())) {
                case Destination.Phone p -> Contact.of(p.number());
                case Destination.Email e -> Contact.of(e.address());
            };
            audit.record(AuditEvent.named("authn_token_delete").subject(contact).reason("otp.token.redeemed").detail("purpose", purpose.name()));
            return Optional.of(new VerifiedContact(contact, purpose.name()));
        });
    }

    /** Forgets what is no longer needed: dead codes, spent tokens, old failures, ended locks. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void purge() {
        long now = clock.millis();
        long dayAgo = now - Duration.ofDays(1).toMillis();
        jdbc.sql("DELETE FROM otp_code WHERE expires_at < :t").param("t", now - properties.cooldownMemory().toMillis()).update();
        jdbc.sql("UPDATE otp_code SET destination = '' WHERE expires_at < :now AND destination <> ''").param("now", now).update();
        jdbc.sql("DELETE FROM otp_verification_token WHERE expires_at < :now").param("now", now).update();
        jdbc.sql("DELETE FROM otp_failure WHERE failed_at < :t").param("t", dayAgo).update();
        jdbc.sql("DELETE FROM otp_lock WHERE locked_until < :now").param("now", now).update();
    }

    private Duration cooldown(int earlierCodes) {
        List<Duration> steps = properties.resendCooldowns();
        return steps.get(Math.min(earlierCodes, steps.size() - 1));
    }

    private String newCode() {
        int bound = (int) Math.pow(10, properties.digits());
        return String.format("%0" + properties.digits() + "d", random.nextInt(bound));
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void count(String outcome) {
        meters.counter("benteng.otp", "outcome", outcome).increment();
    }

    static Recipient recipient(Destination destination) {
        return switch (destination) {
            case Destination.Phone p -> Recipient.of(p.number());
            case Destination.Email e -> Recipient.of(e.address());
        };
    }

    static Destination destinationOf(String canonical) {
        if (canonical.startsWith("tel:")) {
            return new Destination.Phone(PhoneNumber.parse(canonical.substring(4)));
        }
        return new Destination.Email(EmailAddress.parse(canonical.substring("mailto:".length())));
    }

    private record CodeRow(String id, String destinationHash, Purpose purpose, String destination, String codeMac, long expiresAt,
                           int attempts, Long usedAt, Long revokedAt) {
        @Override
        public String toString() {
            return "CodeRow[" + id + "]";
        }
    }
}

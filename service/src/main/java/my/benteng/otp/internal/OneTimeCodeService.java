package my.benteng.otp.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.RandomIds;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.messaging.Messaging;
import my.benteng.messaging.Minutes;
import my.benteng.messaging.OtpCode;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.account.Purpose;
import my.benteng.account.VerificationTokens;
import my.benteng.account.VerifiedContact;
import my.benteng.otp.AccountCodes;
import my.benteng.platform.ClientIp;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import my.benteng.shield.Attempt;
import my.benteng.shield.ResendCooldown;
import my.benteng.shield.Shield;
import my.benteng.shield.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
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
public class OneTimeCodeService implements VerificationTokens, AccountCodes {

    private final JdbcOneTimeCodes codes;
    private final TransactionTemplate transaction;
    private final Shield shield;
    private final Messaging messaging;
    private final AuditLog audit;
    private final MeterRegistry meters;
    private final Clock clock;
    private final SecureRandom random;
    private final OtpProperties properties;
    private final Secrets secrets;

    OneTimeCodeService(JdbcOneTimeCodes codes, TransactionTemplate transaction, Shield shield, Messaging messaging, AuditLog audit,
                       MeterRegistry meters, Clock clock, SecureRandom random, OtpProperties properties, Secrets secrets) {
        this.codes = codes;
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

    /**
     * Asks the shield, and if it allows, stores a new code (revoking the earlier ones for this destination and purpose)
     * and hands it to the outbox in one transaction.
     *
     * @param clientId the device id the client sent, if usable
     */
    public Outcome issue(Contact destination, Purpose purpose, ClientIp ip, Optional<String> clientId, Optional<String> pow) {
        Instant now = clock.instant();
        // the spend level is read before the shield judges, so its spend rule sees the caps before a code is made
        Attempt attempt = new Attempt(destination, purpose.name(), ip, clientId, pow, messaging.spendLevel(destination.channel()));
        // the resend cooldown is one of the shield's limits, decided in its atomic step behind the proof of work:
        // a free 429 would tell anyone which numbers are receiving codes right now, and a separate read here
        // would let two parallel requests both pass it
        Verdict verdict = shield.assess(attempt, new ResendCooldown(properties.resendCooldowns(), properties.cooldownMemory()));
        if (verdict instanceof Verdict.Deny d && d.reason().equals(ResendCooldown.REASON)) {
            count("too_soon");
            return new Outcome.TooSoon(d.retryAfter());
        }
        if (!(verdict instanceof Verdict.Allow allow)) {
            count("refused");
            return new Outcome.Refused(verdict);
        }
        Secrets.DestinationHashes hashes = secrets.destination(destination);
        long earlierCodes = codes.countCreatedSince(hashes.forms(), purpose, now.minus(properties.cooldownMemory()));
        UUID requestId = RandomIds.uuidValue(random);
        String code = newCode();
        Instant expiresAt = now.plus(properties.codeTtl());
        transaction.executeWithoutResult(status -> {
            // a new code revokes every earlier live code for this destination and purpose
            codes.revokeLive(hashes.forms(), purpose, now);
            codes.insert(new JdbcOneTimeCodes.NewCode(requestId.toString(), hashes.current(), purpose, destination.channel().name(),
                    destination.canonical(), secrets.mac("code", requestId.toString(), code), now, expiresAt));
            // the code leaves only through the outbox, in this transaction: no commit, no SMS
            TemplateParameters parameters = TemplateParameters.of(
                    "code", OtpCode.of(code), "minutes", Minutes.of((int) Math.max(1, properties.codeTtl().toMinutes())));
            if (allow.held()) {
                // quarantined by the shield: cancelled unsent if the number's prefix is blocked before it is due
                messaging.enqueueHeld(Template.OTP_CODE, destination, parameters, allow.hold(), allow.holdKey());
            } else {
                messaging.enqueue(Template.OTP_CODE, destination, parameters);
            }
            // masked() (+6012*****89), not toString(): this event's subject has always been the bare masked value
            audit.record(AuditEvent.named("authn_token_created").subject(destination.masked()).clientIp(ip).reason("otp.code.issued")
                    .detail("purpose", purpose.name()).detail("request", requestId));
        });
        count("issued");
        return new Outcome.Sent(requestId, expiresAt, now.plus(cooldown(Math.toIntExact(earlierCodes))));
    }

    @Override
    public Outcome send(Contact accountContact, Purpose purpose, ClientIp ip, Optional<String> pow) {
        return issue(accountContact, purpose, ip, Optional.empty(), pow);
    }

    /** Verifies {@code code} for the request; every decision is audited. */
    public OtpOutcome verify(String requestIdText, String code, ClientIp ip) {
        Instant now = clock.instant();
        UUID requestId;
        try {
            requestId = UUID.fromString(requestIdText);
        } catch (IllegalArgumentException e) {
            return new OtpOutcome.Gone();
        }
        Optional<JdbcOneTimeCodes.StoredCode> found = codes.find(requestId.toString());
        if (found.isEmpty()) {
            return new OtpOutcome.Gone();
        }
        JdbcOneTimeCodes.StoredCode row = found.get();
        // a fast path only: these reads refuse what is plainly locked or dead without taking a write lock (a flood of
        // guesses against a dead code must not queue on SQLite's one writer); they are not atomic with the count, so
        // every answer that counts or accepts is decided again inside one transaction (rightCode, wrongCode)
        Optional<Long> lockedUntil = codes.lockedUntil(destinationHashes(row).forms(), now);
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

    private OtpOutcome rightCode(JdbcOneTimeCodes.StoredCode row, ClientIp ip, Instant now) {
        String token = newToken();
        Instant tokenExpires = now.plus(properties.tokenTtl());
        Secrets.DestinationHashes hashes = destinationHashes(row);
        OtpOutcome outcome = transaction.execute(status -> {
            long lockedUntil = holdDestination(hashes, now);
            if (lockedUntil > now.toEpochMilli()) {
                return locked(lockedUntil, ip, UUID.fromString(row.id()), now); // the tenth failure committed since the fast path
            }
            // one statement decides: a code that is used, replaced, expired or out of tries is not accepted, however
            // many verifications of it run at once (the attempt count may have reached the limit since the fast path)
            if (!codes.markUsed(row.id(), now, properties.maxAttemptsPerCode())) {
                return new OtpOutcome.Gone();
            }
            codes.insertToken(secrets.mac("token", token), row.purpose(), row.destination(), now, tokenExpires);
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

    private OtpOutcome wrongCode(JdbcOneTimeCodes.StoredCode row, ClientIp ip, Instant now) {
        Instant since = now.minus(Duration.ofHours(1));
        Secrets.DestinationHashes hashes = destinationHashes(row);
        OtpOutcome outcome = transaction.execute(status -> {
            long lockedUntil = holdDestination(hashes, now);
            if (lockedUntil > now.toEpochMilli()) {
                return locked(lockedUntil, ip, UUID.fromString(row.id()), now); // not counted: the destination is locked
            }
            // count and compare in one statement: of any number of parallel wrong guesses exactly maxAttemptsPerCode
            // are counted; the rest find the limit reached and get the same answer as a dead code
            Optional<Integer> attempts = codes.countAttempt(row.id(), now, properties.maxAttemptsPerCode());
            if (attempts.isEmpty()) {
                return new OtpOutcome.Gone();
            }
            codes.insertFailure(hashes.current(), now);
            // exact because holdDestination serialises the failures of this destination until commit
            long failures = codes.countFailuresSince(hashes.forms(), since);
            audit.record(AuditEvent.named("authn_login_fail").outcome(AuditOutcome.FAILURE).clientIp(ip).reason("otp.code.wrong")
                    .attack("T1110").detail("request", row.id()));
            if (failures >= properties.maxFailuresPerHour()) {
                codes.lockUntil(hashes.current(), now.plus(properties.lockDuration()));
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
     * Takes the destination's lock row (in the current form) until the transaction ends and returns until when the
     * destination is locked, in whichever form that lock was stored. Every counted verification of a destination holds
     * it, so the destination's lock, its codes' attempts and its failures per hour are read and written by one
     * verification at a time ({@link JdbcOneTimeCodes#holdDestination}).
     */
    private long holdDestination(Secrets.DestinationHashes hashes, Instant now) {
        long lockedUntil = codes.holdDestination(hashes.current());
        if (hashes.forms().size() == 1) {
            return lockedUntil;
        }
        return Math.max(lockedUntil, codes.lockedUntil(hashes.forms(), now).orElse(0L));
    }

    /**
     * The hashes of the destination of a stored code: every form from its destination while the code can still be
     * verified (a code stored before the hashes took the contact form carries the older one), else the one it was
     * stored with.
     */
    private Secrets.DestinationHashes destinationHashes(JdbcOneTimeCodes.StoredCode row) {
        if (row.destination().isEmpty()) {
            return new Secrets.DestinationHashes(row.destinationHash(), List.of(row.destinationHash()));
        }
        return secrets.destination(destinationOf(row.destination())).with(row.destinationHash());
    }

    /** Audits a verification refused because the destination is locked (not counted as a failure); callers count it. */
    private OtpOutcome locked(long lockedUntil, ClientIp ip, UUID requestId, Instant now) {
        audit.record(AuditEvent.named("authn_login_lock").outcome(AuditOutcome.DENIED).clientIp(ip).reason("otp.destination.locked")
                .attack("T1110").detail("request", requestId));
        return new OtpOutcome.Locked(Duration.ofMillis(lockedUntil - now.toEpochMilli()));
    }

    @Override
    public Optional<VerifiedContact> peek(String verificationToken, Purpose purpose) {
        if (verificationToken == null || !verificationToken.matches("[A-Za-z0-9_-]{43}") || purpose == null) {
            return Optional.empty();
        }
        return codes.liveTokenDestination(secrets.mac("token", verificationToken), purpose, clock.millis())
                .map(d -> new VerifiedContact(destinationOf(d), purpose));
    }

    @Override
    public Optional<VerifiedContact> redeem(String verificationToken, Purpose purpose) {
        if (verificationToken == null || !verificationToken.matches("[A-Za-z0-9_-]{43}") || purpose == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        String hash = secrets.mac("token", verificationToken);
        return transaction.execute(status -> {
            Optional<String> destination = codes.liveTokenDestination(hash, purpose, now);
            if (destination.isEmpty()) {
                return Optional.<VerifiedContact>empty();
            }
            // single use: of two concurrent redemptions only one sees its UPDATE take effect
            if (!codes.markTokenUsed(hash, now)) {
                return Optional.<VerifiedContact>empty();
            }
            Contact contact = destinationOf(destination.get());
            audit.record(AuditEvent.named("authn_token_delete").subject(contact).reason("otp.token.redeemed").detail("purpose", purpose.name()));
            return Optional.of(new VerifiedContact(contact, purpose));
        });
    }

    /** Forgets what is no longer needed: dead codes, spent tokens, old failures, ended locks. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void purge() {
        long now = clock.millis();
        long dayAgo = now - Duration.ofDays(1).toMillis();
        codes.purge(now, now - properties.cooldownMemory().toMillis(), dayAgo);
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

    /** The contact a stored {@code destination} column names: the {@link Contact#canonical()} form read back. */
    static Contact destinationOf(String canonical) {
        if (canonical.startsWith("tel:")) {
            return Contact.of(PhoneNumber.parse(canonical.substring(4)));
        }
        return Contact.of(EmailAddress.parse(canonical.substring("mailto:".length())));
    }
}

package my.benteng.account.internal;

import my.benteng.platform.RandomIds;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.AccountRef;
import my.benteng.account.Citizen;
import my.benteng.account.CitizenId;
import my.benteng.account.IssuedSession;
import my.benteng.account.Purpose;
import my.benteng.account.VerificationTokens;
import my.benteng.account.VerifiedContact;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.platform.ClientIp;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Citizen sign-up and sign-in with a verification token. Every way a token can fail (unknown, expired,
 * spent, wrong purpose, and for sign-in an unregistered contact) gives the caller the same problem, so the
 * endpoints reveal nothing about who has an account.
 */
@Service
public class CitizenAccess {

    /** Whatever otp issues, a token is a short URL-safe string; anything else is refused before any lookup. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,256}");
    private static final Logger log = LoggerFactory.getLogger(CitizenAccess.class);

    private final ObjectProvider<VerificationTokens> tokens;
    private final JdbcCitizens citizens;
    private final JdbcSessions sessions;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final TransactionTemplate transaction;

    CitizenAccess(ObjectProvider<VerificationTokens> tokens, JdbcCitizens citizens, JdbcSessions sessions, AuditLog audit, Clock clock,
                  SecureRandom random, PlatformTransactionManager transactions) {
        this.tokens = tokens;
        this.citizens = citizens;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.transaction = new TransactionTemplate(transactions);
        if (tokens.getIfAvailable() == null) {
            log.warn("No VerificationTokens implementation (the otp module): citizen sign-up and sign-in answer 503");
        }
    }

    /** A new account and its first session. */
    public SignedUp signUp(String verificationToken, String rawName, ClientIp ip) {
        String name = CitizenName.parse(rawName); // before redeeming: a typo in the name must not spend the token
        VerifiedContact contact = redeem(verificationToken, Purpose.SIGN_UP, ip);
        Citizen citizen = new Citizen(new CitizenId(RandomIds.uuid(random)), name, contact.contact(), Instant.ofEpochMilli(clock.millis()));
        try {
            transaction.executeWithoutResult(status -> {
                // the caller just proved they own this contact, so telling them it is registered reveals nothing new
                if (citizens.contactRegistered(citizen.contact())) {
                    throw conflict();
                }
                citizens.insert(citizen);
                audit.record(AuditEvent.named("user_created").actor("citizen:" + citizen.id()).subject(citizen.contact())
                        .clientIp(ip).reason("account.citizen.sign_up"));
            });
        } catch (DataIntegrityViolationException raced) {
            throw conflict(); // a parallel sign-up with the same contact won
        }
        IssuedSession session = sessions.issue(AccountRef.citizen(citizen.id()), Set.of(AccountPrincipal.CITIZEN_ROLE));
        return new SignedUp(citizen.id(), session);
    }

    /** A session for the citizen who owns the verified contact. */
    public IssuedSession signIn(String verificationToken, ClientIp ip) {
        VerifiedContact contact = redeem(verificationToken, Purpose.LOGIN, ip);
        Optional<Citizen> citizen = citizens.findByContact(contact.contact());
        if (citizen.isEmpty()) {
            audit.record(AuditEvent.named("authn_login_fail").subject(contact.contact()).clientIp(ip).outcome(AuditOutcome.FAILURE)
                    .reason("account.citizen.no_account"));
            throw verificationFailed();
        }
        IssuedSession session = sessions.issue(AccountRef.citizen(citizen.get().id()), Set.of(AccountPrincipal.CITIZEN_ROLE));
        audit.record(AuditEvent.named("authn_login_success").actor("citizen:" + citizen.get().id()).subject(contact.contact())
                .clientIp(ip).detail("session", session.sessionId()));
        return session;
    }

    /**
     * One door for a person who proved their phone with a {@code LOGIN} code and may or may not have an account
     * (the check-in page): a session for the account of the contact, or a new account named {@code rawName}.
     * Without a name and without an account it answers {@code name-required} and leaves the token unspent, so
     * the person is asked for their name only when one is needed and never needs a second code. The code request
     * before it is identical for both cases, so nobody learns whether a number has an account without receiving
     * its code.
     */
    public Entered enter(String verificationToken, String rawName, ClientIp ip) {
        String name = rawName == null ? null : CitizenName.parse(rawName); // before redeeming, as in sign-up
        VerificationTokens port = tokens.getIfAvailable();
        if (name == null && port != null && verificationToken != null && TOKEN.matcher(verificationToken).matches()) {
            Optional<VerifiedContact> peeked = port.peek(verificationToken, Purpose.LOGIN);
            if (peeked.isPresent() && citizens.findByContact(peeked.get().contact()).isEmpty()) {
                throw new RefusedException(new AccountRefusal.NameRequired());
            }
        }
        VerifiedContact contact = redeem(verificationToken, Purpose.LOGIN, ip);
        Optional<Citizen> existing = citizens.findByContact(contact.contact());
        Citizen citizen = existing.orElseGet(() -> citizens.findOrRegister(contact, name)); // audits user_created
        IssuedSession session = sessions.issue(AccountRef.citizen(citizen.id()), Set.of(AccountPrincipal.CITIZEN_ROLE));
        if (existing.isPresent()) {
            audit.record(AuditEvent.named("authn_login_success").actor("citizen:" + citizen.id()).subject(contact.contact())
                    .clientIp(ip).detail("session", session.sessionId()));
        }
        return new Entered(citizen.id(), session, existing.isEmpty());
    }

    /** The result of {@link #enter}: the citizen, their new session, and whether the account was just created. */
    public record Entered(CitizenId citizenId, IssuedSession session, boolean created) {
    }

    private VerifiedContact redeem(String verificationToken, Purpose purpose, ClientIp ip) {
        if (verificationToken == null) {
            throw new InvalidValueException("verificationToken", "is required");
        }
        VerificationTokens port = tokens.getIfAvailable();
        if (port == null) {
            throw new RefusedException(new AccountRefusal.VerificationUnavailable());
        }
        Optional<VerifiedContact> verified = TOKEN.matcher(verificationToken).matches()
                ? port.redeem(verificationToken, purpose).filter(v -> v.purpose() == purpose)
                : Optional.empty();
        if (verified.isEmpty()) {
            audit.record(AuditEvent.named("authn_login_fail").clientIp(ip).outcome(AuditOutcome.FAILURE)
                    .reason("account.citizen.bad_verification_token").detail("purpose", purpose.name()));
            throw verificationFailed();
        }
        return verified.get();
    }

    private static RefusedException verificationFailed() {
        return new RefusedException(new AccountRefusal.VerificationFailed());
    }

    private static RefusedException conflict() {
        return new RefusedException(new AccountRefusal.AlreadyRegistered());
    }

    /** The result of a sign-up: the new citizen and their first session. */
    public record SignedUp(CitizenId citizenId, IssuedSession session) {
    }
}

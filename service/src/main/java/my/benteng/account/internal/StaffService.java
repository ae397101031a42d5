package my.benteng.account.internal;

import my.benteng.platform.RandomIds;
import my.benteng.account.AccountKind;
import my.benteng.account.AccountRef;
import my.benteng.account.IssuedSession;
import my.benteng.account.StaffRole;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.platform.ClientIp;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.RefusedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Staff accounts: creation by an operator (or the bootstrap command), password + TOTP sign-in with lockout,
 * and disabling. Sign-in follows the order lockout, then verify, then audit every decision; the Argon2 work
 * is done for unknown usernames too, and every failure gets the same problem, so that neither the answer nor
 * its timing nor the lockout tells whether a username exists. No database transaction is open during the
 * Argon2 work: SQLite has one writer.
 */
@Service
public class StaffService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    /** Bound on what is hashed into the failure key; longer input cannot be a username anyway. */
    private static final int MAX_USERNAME_INPUT = 256;

    private final JdbcStaff staff;
    private final JdbcSessions sessions;
    private final StaffPasswords passwords;
    private final SecretBox secrets;
    private final ContactHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final AccountProperties properties;
    private final TransactionTemplate transaction;

    StaffService(JdbcStaff staff, JdbcSessions sessions, StaffPasswords passwords, SecretBox secrets, ContactHasher hasher,
                 AuditLog audit, Clock clock, SecureRandom random, AccountProperties properties, PlatformTransactionManager transactions) {
        this.staff = staff;
        this.sessions = sessions;
        this.passwords = passwords;
        this.secrets = secrets;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Normalised username: trimmed and lower-case. @throws InvalidValueException when it breaks the rules */
    static String username(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidValueException("username", "is required");
        }
        String u = input.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(u).matches()) {
            throw new InvalidValueException("username", "must be 3-64 of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        return u;
    }

    /** Parses role names; unknown or duplicate names and an empty list are refused. */
    static Set<StaffRole> roles(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidValueException("roles", "must name at least one role");
        }
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (String name : names) {
            StaffRole role = Arrays.stream(StaffRole.values()).filter(r -> r.name().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidValueException("roles", "must be among " + Arrays.toString(StaffRole.values())));
            if (!roles.add(role)) {
                throw new InvalidValueException("roles", "must not repeat a role");
            }
        }
        return roles;
    }

    /** Creates a member of staff on an operator's behalf; the result carries the TOTP provisioning URI once. */
    public CreatedStaff create(String rawUsername, Collection<String> roleNames, String password, String actor, ClientIp ip) {
        String username = username(rawUsername);
        Set<StaffRole> roles = roles(roleNames);
        StaffPasswords.checkPolicy(password, username);
        return insert(username, roles, password, actor, ip, false);
    }

    /**
     * The bootstrap: creates the first operator, refused while any active operator exists.
     *
     * @throws IllegalStateException when an operator exists
     */
    CreatedStaff createFirstOperator(String rawUsername, String password) {
        String username = username(rawUsername);
        StaffPasswords.checkPolicy(password, username);
        return insert(username, EnumSet.of(StaffRole.OPERATOR), password, "bootstrap", null, true);
    }

    private CreatedStaff insert(String username, Set<StaffRole> roles, String password, String actor, ClientIp ip, boolean first) {
        String hash = passwords.hash(password); // slow: before the transaction
        String id = RandomIds.uuid(random);
        byte[] secret = new byte[Totp.SECRET_BYTES];
        random.nextBytes(secret);
        StaffMember member = new StaffMember(id, username, roles, hash, secrets.seal(secret, id), Long.MIN_VALUE, false);
        try {
            transaction.executeWithoutResult(status -> {
                if (first && staff.activeOperatorExists()) {
                    throw new IllegalStateException("an operator already exists");
                }
                if (staff.usernameTaken(username)) {
                    throw usernameTaken();
                }
                staff.insert(member, clock.millis(), actor);
                audit.record(AuditEvent.named("user_created").actor(actor).subject("staff:" + id).clientIp(ip)
                        .reason(first ? "account.staff.bootstrap_operator" : "account.staff.created").detail("roles", JdbcStaff.text(roles)));
            });
        } catch (DataIntegrityViolationException raced) {
            throw usernameTaken();
        }
        return new CreatedStaff(id, username, roles, Totp.uri(properties.totpIssuer(), username, secret));
    }

    /** Disables a member of staff and ends their sessions. An operator cannot disable themselves. */
    public void disable(String id, String actorId, ClientIp ip) {
        if (!RandomIds.isUuid(id) || staff.find(id).isEmpty()) {
            throw new RefusedException(new AccountRefusal.StaffNotFound());
        }
        if (id.equals(actorId)) {
            throw new RefusedException(new AccountRefusal.CannotDisableSelf());
        }
        transaction.executeWithoutResult(status -> {
            if (staff.disable(id, clock.millis())) {
                audit.record(AuditEvent.named("user_archived").actor("staff:" + actorId).subject("staff:" + id).clientIp(ip)
                        .reason("account.staff.disabled"));
            }
        });
        sessions.revokeAll(new AccountRef(AccountKind.STAFF, id));
    }

    /** Password + TOTP sign-in. @throws RefusedException {@code SignInFailed} for any failure, {@code SignInLocked} while the username is locked */
    public IssuedSession signIn(String rawUsername, String password, String totp, ClientIp ip) {
        long now = clock.millis();
        String normalized = rawUsername == null ? "" : rawUsername.strip().toLowerCase(Locale.ROOT);
        String key = hasher.usernameKey(normalized.length() > MAX_USERNAME_INPUT ? normalized.substring(0, MAX_USERNAME_INPUT) : normalized);
        String keyRef = key.substring(0, 16); // correlates attempts in the audit log without naming the username
        Optional<Long> lockedUntil = staff.lockedUntil(key).filter(until -> until > now);
        if (lockedUntil.isPresent()) {
            audit.record(AuditEvent.named("authn_login_fail").subject("staff-username:" + keyRef).clientIp(ip)
                    .outcome(AuditOutcome.DENIED).reason("account.staff.locked").attack("T1110"));
            throw locked(Duration.ofMillis(lockedUntil.get() - now));
        }
        Optional<StaffMember> member = USERNAME.matcher(normalized).matches() ? staff.findByUsername(normalized) : Optional.empty();
        boolean passwordOk = passwords.matches(password, member.map(StaffMember::passwordHash).orElse(null));
        String failure = null;
        if (member.isEmpty()) {
            failure = "account.staff.unknown_user";
        } else if (!passwordOk) {
            failure = "account.staff.bad_password";
        } else if (member.get().disabled()) {
            failure = "account.staff.disabled";
        } else {
            failure = checkTotp(member.get(), totp, now);
        }
        String subject = member.map(m -> "staff:" + m.id()).orElse("staff-username:" + keyRef);
        if (failure != null) {
            throw fail(key, subject, failure, ip, now);
        }
        StaffMember m = member.get();
        transaction.executeWithoutResult(status -> staff.clearFailures(key));
        IssuedSession session = sessions.issue(new AccountRef(AccountKind.STAFF, m.id()),
                m.roles().stream().map(Enum::name).collect(Collectors.toSet()));
        audit.record(AuditEvent.named("authn_login_success").actor("staff:" + m.id()).subject(subject).clientIp(ip)
                .detail("session", session.sessionId()));
        return session;
    }

    /** Null when the code is right and its step was not used before; otherwise the failure reason. */
    private String checkTotp(StaffMember member, String code, long now) {
        byte[] secret = secrets.open(member.sealedTotpSecret(), member.id());
        try {
            Instant at = Instant.ofEpochMilli(now);
            OptionalLong step = Totp.match(secret, code, at, member.lastTotpStep());
            if (step.isEmpty()) {
                return Totp.match(secret, code, at, Long.MIN_VALUE).isPresent() ? "account.staff.replayed_totp" : "account.staff.bad_totp";
            }
            // atomic: of two parallel sign-ins with the same code, one claims the step and the other is a replay
            return staff.claimTotpStep(member.id(), step.getAsLong()) ? null : "account.staff.replayed_totp";
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private RefusedException fail(String key, String subject, String reason, ClientIp ip, long now) {
        Boolean lockedNow = transaction.execute(status -> {
            int failures = staff.recordFailure(key, now);
            audit.record(AuditEvent.named("authn_login_fail").subject(subject).clientIp(ip).outcome(AuditOutcome.FAILURE)
                    .reason(reason).attack("T1110").detail("consecutive_failures", failures));
            if (failures < properties.maxLoginFailures()) {
                return false;
            }
            staff.lock(key, now + properties.lockoutDuration().toMillis());
            audit.record(AuditEvent.named("authn_login_lock").subject(subject).clientIp(ip).outcome(AuditOutcome.DENIED)
                    .reason("account.staff.lockout").attack("T1110").detail("lockout", properties.lockoutDuration()));
            return true;
        });
        return Boolean.TRUE.equals(lockedNow) ? locked(properties.lockoutDuration()) : signInFailed();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT7M")
    void purgeFailures() {
        staff.purgeFailures(clock.millis() - properties.lockoutDuration().multipliedBy(4).toMillis());
    }

    private static RefusedException signInFailed() {
        return new RefusedException(new AccountRefusal.SignInFailed());
    }

    private static RefusedException locked(Duration retryAfter) {
        return new RefusedException(new AccountRefusal.SignInLocked(retryAfter));
    }

    private static RefusedException usernameTaken() {
        return new RefusedException(new AccountRefusal.UsernameTaken());
    }

    /** A new member of staff. {@code otpauthUri} holds the TOTP secret: hand it over once, never log it. */
    public record CreatedStaff(String id, String username, Set<StaffRole> roles, String otpauthUri) {

        @Override
        public String toString() {
            return "CreatedStaff[id=" + id + ", roles=" + roles + "]";
        }
    }

    static List<String> names(Set<StaffRole> roles) {
        return roles.stream().map(Enum::name).sorted().toList();
    }
}

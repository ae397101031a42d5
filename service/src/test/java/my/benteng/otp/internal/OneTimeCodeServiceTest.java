package my.benteng.otp.internal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import my.benteng.account.Purpose;
import my.benteng.account.VerifiedContact;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.messaging.DeliveryStatus;
import my.benteng.messaging.Language;
import my.benteng.messaging.Messaging;
import my.benteng.messaging.OtpCode;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.otp.AccountCodes.Outcome;
import my.benteng.platform.ClientIp;
import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import my.benteng.platform.SpendLevel;
import my.benteng.shield.Attempt;
import my.benteng.shield.ClientQuota;
import my.benteng.shield.DenyKind;
import my.benteng.shield.ResendCooldown;
import my.benteng.shield.Shield;
import my.benteng.shield.Verdict;
import my.benteng.testing.EmptyDatabases;
import my.benteng.testing.MovableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code lifecycle without a Spring context: the real service and repository on a throw-away SQLite file with the
 * Flyway migrations, a movable clock, and hand-written fakes for the shield, messaging and audit ports.
 */
class OneTimeCodeServiceTest {

    private static final OtpProperties PROPERTIES = new OtpProperties("", 6, Duration.ofMinutes(5), 5, 10, Duration.ofHours(1),
            List.of(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300), Duration.ofSeconds(600)),
            Duration.ofHours(24), Duration.ofMinutes(10));
    private static final Contact PHONE = new Contact.Phone(PhoneNumber.parse("+60 12-345 6789"));
    private static final Secrets SECRETS = new Secrets("a pepper of at least thirty-two bytes".getBytes());

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock("2026-03-02T03:00:00Z");
    private final FakeShield shield = new FakeShield();
    private final FakeMessaging messaging = new FakeMessaging();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final ClientIp ip = clientIp();
    private JdbcClient jdbc;
    private OneTimeCodeService service;

    /** An empty database; a throw-away SQLite file here, opened as the service opens it. */
    DataSource emptyDatabase() {
        return EmptyDatabases.sqlite(dir.resolve("otp.db"));
    }

    /** The folder of the engine's own migrations. */
    String vendor() {
        return "sqlite";
    }

    @BeforeEach
    void freshDatabase() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/" + vendor())
                .load().migrate();
        jdbc = JdbcClient.create(dataSource);
        AuditLog audit = event -> {
            audited.add(event);
            return audited.size();
        };
        service = new OneTimeCodeService(new JdbcOneTimeCodes(jdbc), new TransactionTemplate(new JdbcTransactionManager(dataSource)),
                shield, messaging, audit, new SimpleMeterRegistry(), clock, new SecureRandom(), PROPERTIES,
                SECRETS);
    }

    @Test
    void rightCodeYieldsATokenForTheDestinationAndPurpose() {
        Outcome.Sent sent = issue(Purpose.LOGIN);
        assertThat(sent.expiresAt()).isEqualTo(clock.instant().plus(PROPERTIES.codeTtl()));

        OtpOutcome outcome = service.verify(sent.requestId().toString(), messaging.lastCode(), ip);

        assertThat(outcome).isInstanceOf(OtpOutcome.Verified.class);
        OtpOutcome.Verified verified = (OtpOutcome.Verified) outcome;
        assertThat(verified.expiresAt()).isEqualTo(clock.instant().plus(PROPERTIES.tokenTtl()));
        assertThat(shield.verified).containsExactly(PHONE);
        assertThat(service.redeem(verified.verificationToken(), Purpose.LOGIN))
                .contains(new VerifiedContact(PHONE, Purpose.LOGIN));
    }

    @Test
    void codeIsSingleUse() {
        Outcome.Sent sent = issue(Purpose.LOGIN);
        String code = messaging.lastCode();
        assertThat(service.verify(sent.requestId().toString(), code, ip)).isInstanceOf(OtpOutcome.Verified.class);

        assertThat(service.verify(sent.requestId().toString(), code, ip)).isEqualTo(new OtpOutcome.Gone());
    }

    @Test
    void wrongCodeCountsDownTheTriesLeftThenTheCodeIsGone() {
        Outcome.Sent sent = issue(Purpose.LOGIN);
        String code = messaging.lastCode();

        for (int left = PROPERTIES.maxAttemptsPerCode() - 1; left >= 0; left--) {
            assertThat(service.verify(sent.requestId().toString(), wrong(code), ip)).isEqualTo(new OtpOutcome.WrongCode(left));
        }
        assertThat(service.verify(sent.requestId().toString(), code, ip)).isEqualTo(new OtpOutcome.Gone());
        assertThat(audited).filteredOn(e -> e.name().equals("authn_login_fail")).hasSize(PROPERTIES.maxAttemptsPerCode());
    }

    @Test
    void codeIsGoodUntilJustBeforeItsTtl() {
        Outcome.Sent sent = issue(Purpose.LOGIN);
        clock.advance(PROPERTIES.codeTtl().minusMillis(1));

        assertThat(service.verify(sent.requestId().toString(), messaging.lastCode(), ip)).isInstanceOf(OtpOutcome.Verified.class);
    }

    @Test
    void codeIsGoneOnceItsTtlHasPassed() {
        Outcome.Sent sent = issue(Purpose.LOGIN);
        clock.advance(PROPERTIES.codeTtl());

        assertThat(service.verify(sent.requestId().toString(), messaging.lastCode(), ip)).isEqualTo(new OtpOutcome.Gone());
        assertThat(service.verify(sent.requestId().toString(), wrong(messaging.lastCode()), ip)).isEqualTo(new OtpOutcome.Gone());
    }

    @Test
    void secondCodeRevokesTheFirst() {
        Outcome.Sent first = issue(Purpose.LOGIN);
        String firstCode = messaging.lastCode();
        clock.advance(Duration.ofMinutes(1));
        Outcome.Sent second = issue(Purpose.LOGIN);

        assertThat(service.verify(first.requestId().toString(), firstCode, ip)).isEqualTo(new OtpOutcome.Gone());
        assertThat(service.verify(second.requestId().toString(), messaging.lastCode(), ip)).isInstanceOf(OtpOutcome.Verified.class);
    }

    @Test
    void aCodeForAnotherPurposeDoesNotRevokeTheFirst() {
        Outcome.Sent login = issue(Purpose.LOGIN);
        String loginCode = messaging.lastCode();
        issue(Purpose.SIGN_UP);

        assertThat(service.verify(login.requestId().toString(), loginCode, ip)).isInstanceOf(OtpOutcome.Verified.class);
    }

    @Test
    void resendAfterGrowsWithEachCodeOfTheDay() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Outcome.Sent sent = issue(Purpose.LOGIN);
            waits.add(Duration.between(clock.instant(), sent.resendAfter()));
            clock.advance(Duration.ofMinutes(11));
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300),
                Duration.ofSeconds(600), Duration.ofSeconds(600));
    }

    @Test
    void tenFailuresWithinAnHourLockTheDestination() {
        for (int i = 0; i < PROPERTIES.maxFailuresPerHour() - 1; i++) {
            if (i % PROPERTIES.maxAttemptsPerCode() == 0) {
                issue(Purpose.LOGIN);
            }
            assertThat(service.verify(messaging.lastRequest(), wrong(messaging.lastCode()), ip)).isInstanceOf(OtpOutcome.WrongCode.class);
        }
        assertThat(service.verify(messaging.lastRequest(), wrong(messaging.lastCode()), ip))
                .isEqualTo(new OtpOutcome.Locked(PROPERTIES.lockDuration()));

        clock.advance(Duration.ofMinutes(10));
        Outcome.Sent fresh = issue(Purpose.LOGIN);
        assertThat(service.verify(fresh.requestId().toString(), messaging.lastCode(), ip))
                .isEqualTo(new OtpOutcome.Locked(PROPERTIES.lockDuration().minusMinutes(10)));
        assertThat(shield.verified).isEmpty();

        clock.advance(PROPERTIES.lockDuration().minusMinutes(10));
        Outcome.Sent afterTheLock = issue(Purpose.LOGIN);
        assertThat(service.verify(afterTheLock.requestId().toString(), messaging.lastCode(), ip)).isInstanceOf(OtpOutcome.Verified.class);
    }

    @Test
    void failuresOlderThanAnHourDoNotCountTowardsTheLock() {
        for (int i = 0; i < PROPERTIES.maxFailuresPerHour() - 1; i++) {
            if (i % PROPERTIES.maxAttemptsPerCode() == 0) {
                issue(Purpose.LOGIN);
            }
            assertThat(service.verify(messaging.lastRequest(), wrong(messaging.lastCode()), ip)).isInstanceOf(OtpOutcome.WrongCode.class);
        }
        clock.advance(Duration.ofHours(1));
        issue(Purpose.LOGIN);

        assertThat(service.verify(messaging.lastRequest(), wrong(messaging.lastCode()), ip)).isEqualTo(new OtpOutcome.WrongCode(4));
    }

    @Test
    void refusalByTheShieldStoresAndSendsNothing() {
        shield.next = new Verdict.Deny("shield.destination.hourly_cap", Duration.ofMinutes(20), DenyKind.RATE_LIMITED);

        Outcome outcome = service.issue(PHONE, Purpose.LOGIN, ip, Optional.empty(), Optional.empty());

        assertThat(outcome).isEqualTo(new Outcome.Refused(shield.next));
        assertThat(messaging.sent).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM otp_code").query(Long.class).single()).isZero();
    }

    @Test
    void theShieldsResendCooldownIsTooSoon() {
        shield.next = new Verdict.Deny(ResendCooldown.REASON, Duration.ofSeconds(42), DenyKind.RATE_LIMITED);

        assertThat(service.issue(PHONE, Purpose.LOGIN, ip, Optional.empty(), Optional.empty()))
                .isEqualTo(new Outcome.TooSoon(Duration.ofSeconds(42)));
        assertThat(messaging.sent).isEmpty();
    }

    @Test
    void tokenIsForItsPurposeOnlyAndRedeemedOnce() {
        issue(Purpose.CONTACT_VERIFICATION);
        String token = ((OtpOutcome.Verified) service.verify(messaging.lastRequest(), messaging.lastCode(), ip)).verificationToken();

        assertThat(service.peek(token, Purpose.LOGIN)).isEmpty();
        assertThat(service.redeem(token, Purpose.LOGIN)).isEmpty();
        assertThat(service.peek(token, Purpose.CONTACT_VERIFICATION)).isPresent();
        assertThat(service.redeem(token, Purpose.CONTACT_VERIFICATION)).isPresent();
        assertThat(service.redeem(token, Purpose.CONTACT_VERIFICATION)).isEmpty();
        assertThat(service.peek(token, Purpose.CONTACT_VERIFICATION)).isEmpty();
    }

    @Test
    void tokenExpiresAfterItsTtl() {
        issue(Purpose.LOGIN);
        String token = ((OtpOutcome.Verified) service.verify(messaging.lastRequest(), messaging.lastCode(), ip)).verificationToken();
        clock.advance(PROPERTIES.tokenTtl());

        assertThat(service.redeem(token, Purpose.LOGIN)).isEmpty();
    }

    @Test
    void purgeForgetsTheDestinationOfDeadCodesAndDeletesThemAfterTheCooldownMemory() {
        Outcome.Sent sent = issue(Purpose.LOGIN);
        clock.advance(PROPERTIES.codeTtl().plusMillis(1));
        service.purge();
        assertThat(jdbc.sql("SELECT destination FROM otp_code WHERE id = :id").param("id", sent.requestId().toString())
                .query(String.class).single()).isEmpty();

        clock.advance(PROPERTIES.cooldownMemory());
        service.purge();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM otp_code WHERE id = :id").param("id", sent.requestId().toString())
                .query(Long.class).single()).isZero();
    }

    /** An address with capitals: the one kind of destination whose stored hash changed when it took the contact form. */
    private static final Contact MIXED_CASE = new Contact.Email(EmailAddress.parse("Siti.Aminah@contoh.my"));

    @Test
    void aCodeStoredInTheOldFormIsRevokedByTheNextAndCountsTowardsItsResendStep() {
        String old = oldVersionCode(MIXED_CASE, "123456");
        clock.advance(Duration.ofMinutes(2));

        Outcome outcome = service.issue(MIXED_CASE, Purpose.LOGIN, ip, Optional.empty(), Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Sent.class, sent -> assertThat(sent.resendAfter())
                .as("the second code of the day").isEqualTo(clock.instant().plus(Duration.ofSeconds(120))));
        assertThat(service.verify(old, "123456", ip)).as("revoked by the new code").isEqualTo(new OtpOutcome.Gone());
    }

    @Test
    void aCodeStoredInTheOldFormStillVerifies() {
        String old = oldVersionCode(MIXED_CASE, "123456");

        assertThat(service.verify(old, "123456", ip)).isInstanceOf(OtpOutcome.Verified.class);
        assertThat(shield.verified).containsExactly(MIXED_CASE);
    }

    @Test
    void failuresStoredInTheOldFormCountTowardsTheLock() {
        String legacy = SECRETS.mac("destination", MIXED_CASE.canonical());
        for (int i = 0; i < PROPERTIES.maxFailuresPerHour() - 1; i++) {
            jdbc.sql("INSERT INTO otp_failure (destination_hash, failed_at) VALUES (?, ?)").params(legacy, clock.millis() - 1000 * i).update();
        }
        Outcome.Sent sent = (Outcome.Sent) service.issue(MIXED_CASE, Purpose.LOGIN, ip, Optional.empty(), Optional.empty());

        assertThat(service.verify(sent.requestId().toString(), wrong(messaging.lastCode()), ip))
                .as("the tenth failure of the hour").isEqualTo(new OtpOutcome.Locked(PROPERTIES.lockDuration()));
    }

    @Test
    void aLockStoredInTheOldFormHolds() {
        String legacy = SECRETS.mac("destination", MIXED_CASE.canonical());
        jdbc.sql("INSERT INTO otp_lock (destination_hash, locked_until) VALUES (?, ?)")
                .params(legacy, clock.instant().plus(Duration.ofMinutes(30)).toEpochMilli()).update();
        Outcome.Sent sent = (Outcome.Sent) service.issue(MIXED_CASE, Purpose.LOGIN, ip, Optional.empty(), Optional.empty());
        String code = messaging.lastCode();

        assertThat(service.verify(sent.requestId().toString(), code, ip)).isEqualTo(new OtpOutcome.Locked(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(30));
        Outcome.Sent afterTheLock = (Outcome.Sent) service.issue(MIXED_CASE, Purpose.LOGIN, ip, Optional.empty(), Optional.empty());
        assertThat(service.verify(afterTheLock.requestId().toString(), messaging.lastCode(), ip)).isInstanceOf(OtpOutcome.Verified.class);
    }

    /** A live LOGIN code as the version before the contact form stored it: the destination hashed over its canonical form as given. */
    private String oldVersionCode(Contact destination, String code) {
        String id = UUID.randomUUID().toString();
        new JdbcOneTimeCodes(jdbc).insert(new JdbcOneTimeCodes.NewCode(id, SECRETS.mac("destination", destination.canonical()),
                Purpose.LOGIN, destination.channel().name(), destination.canonical(), SECRETS.mac("code", id, code), clock.instant(),
                clock.instant().plus(PROPERTIES.codeTtl())));
        return id;
    }

    private Outcome.Sent issue(Purpose purpose) {
        Outcome outcome = service.issue(PHONE, purpose, ip, Optional.empty(), Optional.empty());
        assertThat(outcome).isInstanceOf(Outcome.Sent.class);
        Outcome.Sent sent = (Outcome.Sent) outcome;
        messaging.requests.add(sent.requestId().toString());
        return sent;
    }

    private static String wrong(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (last == '9' ? '0' : (char) (last + 1));
    }

    private static ClientIp clientIp() {
        try {
            return new ClientIp(InetAddress.getByName("192.0.2.10"));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Allows (or answers {@link #next}) and remembers verified destinations. */
    private static final class FakeShield implements Shield {
        Verdict next = new Verdict.Allow();
        final List<Contact> verified = new ArrayList<>();

        @Override
        public Verdict assess(Attempt attempt, ResendCooldown cooldown) {
            return next;
        }

        @Override
        public Verdict admit(Attempt attempt, List<ClientQuota> quotas) {
            return next;
        }

        @Override
        public void recordVerified(Contact destination) {
            verified.add(destination);
        }
    }

    /** Keeps what would have been sent, so the test reads the code as the phone would. */
    private static final class FakeMessaging implements Messaging {
        final List<TemplateParameters> sent = new ArrayList<>();
        final List<String> requests = new ArrayList<>();

        String lastCode() {
            return ((OtpCode) sent.getLast().values().get("code")).text();
        }

        String lastRequest() {
            return requests.getLast();
        }

        @Override
        public UUID enqueue(Template template, Contact recipient, TemplateParameters parameters) {
            sent.add(parameters);
            return UUID.randomUUID();
        }

        @Override
        public UUID enqueue(Template template, Contact recipient, Language language, TemplateParameters parameters) {
            return enqueue(template, recipient, parameters);
        }

        @Override
        public UUID enqueueHeld(Template template, Contact recipient, TemplateParameters parameters, Duration hold, String holdKey) {
            return enqueue(template, recipient, parameters);
        }

        @Override
        public int cancelHeld(String holdKey) {
            return 0;
        }

        @Override
        public void suppress(Contact recipient, String reason) {
        }

        @Override
        public boolean isSuppressed(Contact recipient) {
            return false;
        }

        @Override
        public Optional<DeliveryStatus> status(UUID id) {
            return Optional.empty();
        }

        @Override
        public SpendLevel spendLevel(my.benteng.platform.Channel channel) {
            return SpendLevel.NORMAL;
        }
    }
}

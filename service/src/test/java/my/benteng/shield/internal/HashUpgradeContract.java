package my.benteng.shield.internal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import my.benteng.audit.AuditLog;
import my.benteng.platform.Contact;
import my.benteng.platform.DatabaseDialect;
import my.benteng.shield.ResendCooldown;
import my.benteng.shield.ShieldProperties;
import my.benteng.shield.Verdict;
import my.benteng.testing.MovableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static my.benteng.shield.internal.ShieldFixtures.attempt;
import static my.benteng.shield.internal.ShieldFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade from the shield that hashed destinations as HMAC(key, canonical form) to the platform's contact form
 * (migration V36), on each store: what the old version stored keeps counting, so the upgrade gives nobody a fresh set of
 * caps, and is no longer read once no window can hold it; the "ever verified" list is read in both forms for good and
 * rewritten in the new one; a fresh install never reads the old form. The old version's state is written exactly as it
 * wrote it: its limits, keyed by the old hash, through the same state.
 */
abstract class HashUpgradeContract {

    private static final byte[] KEY = "a destination key of at least 32 bytes".getBytes(StandardCharsets.UTF_8);
    private static final ResendCooldown COOLDOWN = new ResendCooldown(List.of(Duration.ofSeconds(60), Duration.ofSeconds(120)), Duration.ofHours(24));
    private static final String PURPOSE = "SIGN_UP";

    final MovableClock clock = new MovableClock(ShieldFixtures.DAYTIME);
    private final ShieldProperties properties = ShieldFixtures.properties(false);
    private final DestinationHasher hasher = new DestinationHasher(KEY);
    private final List<ShieldState> opened = new ArrayList<>();
    private DataSource database;
    private JdbcClient jdbc;
    private ShieldState state;

    /** An empty database of this engine. */
    abstract DataSource emptyDatabase();

    abstract DatabaseDialect dialect();

    /** The shield state of this variant, over {@code database} where it keeps its state there. */
    ShieldState newState(DataSource database) {
        return new JdbcShieldState(JdbcClient.create(database), new JdbcTransactionManager(database), dialect());
    }

    @AfterEach
    void closeStates() {
        opened.forEach(ShieldState::close);
    }

    @Test
    void capsCountedInTheOldFormStillCountAfterTheUpgradeAndNoLongerOnceTheTransitionIsOver() {
        Contact.Phone returning = phone("+60123456789");
        migrate("35");
        oldVersionMarkedVerified(returning, clock.instant().minus(Duration.ofDays(30)));
        for (int i = 0; i < 3; i++) {
            oldVersionSent(returning, true);
            clock.advance(Duration.ofMinutes(15));
        }
        migrate(null);
        Instant upgradedAt = clock.instant();
        DefaultShield shield = shield(HashUpgrade.load(jdbc, clock));

        assertThat(shield.assess(attempt(returning, "203.0.113.1")).reason())
                .as("three codes this hour, all in the old form").isEqualTo("shield.destination.hourly_cap");
        clock.advance(Duration.ofMinutes(15)); // the first old code is an hour old
        assertThat(shield.assess(attempt(returning, "203.0.113.2"))).isInstanceOf(Verdict.Allow.class);
        clock.advance(Duration.ofMinutes(60));
        assertThat(shield.assess(attempt(returning, "203.0.113.3"))).isInstanceOf(Verdict.Allow.class);
        assertThat(shield.assess(attempt(returning, "203.0.113.4")).reason())
                .as("five today: three in the old form, two in the new").isEqualTo("shield.destination.daily_cap");

        clock.set(upgradedAt.plus(Duration.ofDays(1)).plus(HashUpgrade.MARGIN)); // the end of the transition
        Contact.Phone other = phone("+60123456780");
        for (int i = 0; i < 3; i++) {
            oldVersionSent(other, true); // a node of the old version, far too late
            clock.advance(Duration.ofMinutes(5));
        }
        assertThat(shield.assess(attempt(other, "203.0.113.5")))
                .as("the old form is no longer read").isInstanceOf(Verdict.Allow.class);
    }

    @Test
    void aResendCooldownStartedInTheOldFormHoldsAfterTheUpgrade() {
        Contact.Phone returning = phone("+60123456789");
        migrate("35");
        oldVersionMarkedVerified(returning, clock.instant().minus(Duration.ofDays(30)));
        oldVersionSent(returning, true);
        migrate(null);
        DefaultShield shield = shield(HashUpgrade.load(jdbc, clock));

        clock.advance(Duration.ofSeconds(45));
        Verdict tooSoon = shield.assess(attempt(returning, "203.0.113.1"), COOLDOWN);
        assertThat(tooSoon.reason()).isEqualTo(ResendCooldown.REASON);
        assertThat(((Verdict.Deny) tooSoon).retryAfter()).isEqualTo(Duration.ofSeconds(15));
        clock.advance(Duration.ofSeconds(15));
        assertThat(shield.assess(attempt(returning, "203.0.113.1"), COOLDOWN)).isInstanceOf(Verdict.Allow.class);
        assertThat(((Verdict.Deny) shield.assess(attempt(returning, "203.0.113.1"), COOLDOWN)).retryAfter())
                .as("one code in each form: the second step").isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aDestinationVerifiedInTheOldFormIsStillVerifiedAndIsRewrittenInTheNewForm() {
        Contact.Phone returning = phone("+60123456789");
        Contact.Phone later = phone("+60123456781");
        Instant verifiedAt = clock.instant().minus(Duration.ofDays(400));
        migrate("35");
        oldVersionMarkedVerified(returning, verifiedAt);
        oldVersionMarkedVerified(later, verifiedAt);
        migrate(null);
        DefaultShield shield = shield(HashUpgrade.load(jdbc, clock));

        assertThat(shield.assess(attempt(returning, "203.0.113.1")))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.held()).as("a returning user is never held").isFalse());
        assertThat(shield.assess(attempt(returning, "203.0.113.2")))
                .as("no first-contact interval for a verified number").isInstanceOf(Verdict.Allow.class);
        assertThat(jdbc.sql("SELECT first_verified_at FROM shield_verified_destination WHERE destination_hash = ?")
                .param(hasher.hash(returning)).query(Long.class).optional())
                .as("read repair: the new form, with the first verification's time").contains(verifiedAt.toEpochMilli());

        clock.advance(Duration.ofDays(90)); // long after the transition: the list is permanent
        DefaultShield restarted = shield(HashUpgrade.load(jdbc, clock));
        assertThat(restarted.assess(attempt(later, "203.0.113.3"))).isInstanceOf(Verdict.Allow.class);
        assertThat(restarted.assess(attempt(later, "203.0.113.4"))).isInstanceOf(Verdict.Allow.class);
    }

    @Test
    void theUpgradeIsStampedAtTheFirstStartAndKeptByEveryLaterOne() {
        migrate("35");
        oldVersionMarkedVerified(phone("+60123456789"), clock.instant());
        clock.advance(Duration.ofHours(2));
        migrate(null);
        Instant firstStart = clock.instant();
        assertThat(HashUpgrade.load(jdbc, clock)).hasToString("HashUpgrade[" + firstStart + "]");
        clock.advance(Duration.ofHours(5));
        assertThat(HashUpgrade.load(jdbc, clock)).hasToString("HashUpgrade[" + firstStart + "]");
    }

    @Test
    void aDeploymentWhoseOnlyTraceIsAnIssuedCodeIsUpgradedToo() {
        // with Redis the windows are not in the database, and nobody may have verified yet: the audit log tells
        migrate("35");
        jdbc.sql("""
                        INSERT INTO audit_entry (seq, recorded_at, event, actor, outcome, prev_hash, hash)
                        VALUES (1, ?, 'authn_token_created', 'anonymous', 'SUCCESS', ?, ?)""")
                .params(clock.millis(), "0".repeat(64), "1".repeat(64)).update();
        migrate(null);
        assertThat(HashUpgrade.load(jdbc, clock).legacyStored()).isTrue();
    }

    @Test
    void aFreshInstallHasNoTransition() {
        migrate(null);
        HashUpgrade upgrade = HashUpgrade.load(jdbc, clock);
        assertThat(upgrade.legacyStored()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM shield_hash_upgrade").query(Long.class).single()).isZero();

        Contact.Phone number = phone("+60123456789");
        for (int i = 0; i < 3; i++) {
            oldVersionSent(number, true); // nothing of this form exists on a fresh install; if it did, it would not be read
            clock.advance(Duration.ofMinutes(5));
        }
        oldVersionMarkedVerified(number, clock.instant());
        DefaultShield shield = shield(upgrade);
        assertThat(shield.assess(attempt(number, "203.0.113.1"))).isInstanceOf(Verdict.Allow.class);
        assertThat(shield.assess(attempt(number, "203.0.113.2")).reason())
                .as("first contact: the old-form verification is not looked for").isEqualTo("shield.destination.first_contact");
    }

    /** Migrates to {@code target} (everything when null), creating the database and the state at the first call. */
    private void migrate(String target) {
        if (database == null) {
            database = emptyDatabase();
            jdbc = JdbcClient.create(database);
        }
        String vendor = dialect().isPostgres() ? "postgresql" : "sqlite";
        var flyway = Flyway.configure().dataSource(database).locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
        (target == null ? flyway : flyway.target(target)).load().migrate();
        if (state == null) {
            state = newState(database);
            opened.add(state);
        }
    }

    /** What the shield before V36 consumed for a code it allowed: its caps and the resend cooldown, keyed by the old hash. */
    private void oldVersionSent(Contact destination, boolean everVerified) {
        String legacy = hasher.legacyHash(destination);
        List<Limit> limits = new ArrayList<>(new DestinationCapPolicy(properties).limits(legacy, everVerified));
        limits.add(Limit.cooldown("cd:" + legacy + ":" + PURPOSE, ResendCooldown.REASON, COOLDOWN.steps(), COOLDOWN.memory()));
        StateOutcome outcome = state.consume(new Consumption(clock.millis(), limits, null, null, 0, List.of(), ShieldStateContract.VELOCITY));
        assertThat(outcome.status()).as("the old version's own caps").isEqualTo(StateOutcome.Status.ALLOWED);
    }

    /** What the shield before V36 stored for a verification: the old hash. */
    private void oldVersionMarkedVerified(Contact destination, Instant at) {
        new JdbcVerifiedDestinations(jdbc).markVerified(hasher.legacyHash(destination), at);
    }

    private DefaultShield shield(HashUpgrade upgrade) {
        AuditLog audit = event -> 1;
        return new DefaultShield(properties, clock, new DestinationPolicy(properties, Set.of()),
                new PowService("p".repeat(32), clock, Duration.ofMinutes(5)), (digits, now) -> List.of(),
                new CachedVerifiedDestinations(new JdbcVerifiedDestinations(jdbc), clock), hasher, upgrade, state,
                new ShieldTelemetry(audit, new SimpleMeterRegistry(), clock), event -> {
                });
    }
}

package my.benteng.shield.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.SpendLevel;
import my.benteng.testing.MovableClock;
import my.benteng.testing.AltchaSolver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.shield.Attempt;
import my.benteng.shield.ClientQuota;
import my.benteng.shield.DenyKind;
import my.benteng.shield.PrefixBlocked;
import my.benteng.shield.RegistryEntry;
import my.benteng.shield.ShieldProperties;
import my.benteng.shield.Verdict;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static my.benteng.shield.internal.ShieldFixtures.attempt;
import static my.benteng.shield.internal.ShieldFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

/** The shield as a whole: order of the rules, PoW single use, fail-closed, audit and metrics. */
class DefaultShieldTest {

    private final MovableClock clock = new MovableClock(ShieldFixtures.DAYTIME);
    private final List<AuditEvent> audit = Collections.synchronizedList(new ArrayList<>());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<RegistryEntry> registry = new ArrayList<>();
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();
    private final PowService pow = new PowService("p".repeat(32), clock, Duration.ofMinutes(5));
    private final List<Object> events = Collections.synchronizedList(new ArrayList<>());

    private DefaultShield shield(ShieldProperties properties, ShieldState state) {
        AuditLog log = event -> {
            audit.add(event);
            return audit.size();
        };
        VerifiedDestinations store = new VerifiedDestinations() {
            @Override
            public boolean everVerified(String hash, String legacyHash) {
                return verified.containsKey(hash) || legacyHash != null && verified.containsKey(legacyHash);
            }

            @Override
            public void markVerified(String hash, Instant at) {
                verified.put(hash, at);
            }
        };
        return new DefaultShield(properties, clock, new DestinationPolicy(properties, Set.of("mailinator.com")), pow,
                (digits, now) -> registry.stream().filter(e -> e.covers(digits) && e.expiresAt().isAfter(now)).toList(),
                store, new DestinationHasher("d".repeat(32).getBytes()), HashUpgrade.none(), state, new ShieldTelemetry(log, meters, clock), events::add);
    }

    private final DefaultShield shield = shield(ShieldFixtures.properties(false), new InProcessShieldState());

    private Attempt solved(Attempt attempt, long difficulty) {
        return attempt.withPow(AltchaSolver.solve(pow.issue(difficulty)));
    }

    @Test
    void aSolutionEasierThanTheCurrentLowDifficultyIsChallengedNotAnError() {
        // the low difficulty was raised while challenges issued under the old one are still in circulation
        DefaultShield raised = shield(ShieldFixtures.properties(true, 5_000, 20_000, 200, 1000, 50, 0.3, 0.1), new InProcessShieldState());
        Verdict v = raised.assess(solved(attempt(phone("+60123456789"), "203.0.113.7"), 2_000));
        assertThat(v).isInstanceOfSatisfying(Verdict.Challenge.class, c -> {
            assertThat(c.difficulty()).isEqualTo(5_000);
            assertThat(c.reason()).isEqualTo("shield.pow.too_easy");
        });
    }

    /** The helpdesk's quotas as it configures them by default: 5 tickets per address and 30 per subnet an hour. */
    private static final List<ClientQuota> TICKETS = List.of(
            ClientQuota.perAddress("helpdesk.ticket.per_ip", 5, Duration.ofHours(1)),
            ClientQuota.perSubnet("helpdesk.ticket.per_subnet", 30, Duration.ofHours(1)));

    @Test
    void admittingRefusesWhatTheStatelessRulesRefuseAndSpendsNoCodeCapOfTheDestination() {
        DefaultShield strict = shield(ShieldFixtures.properties(true), new InProcessShieldState());
        Contact.Phone victim = phone("+60123456789");
        assertThat(strict.admit(attempt(victim, "203.0.113.7"), TICKETS))
                .isInstanceOfSatisfying(Verdict.Challenge.class, c -> assertThat(c.reason()).isEqualTo("shield.pow.required"));
        assertThat(strict.admit(solved(attempt(phone("+60 3-2345 6789"), "203.0.113.7"), 2_000), TICKETS).reason())
                .isEqualTo("shield.destination.fixed_line");
        for (int i = 0; i < 5; i++) {
            assertThat(strict.admit(solved(attempt(victim, "203.0.113." + (10 + i)), 2_000), TICKETS))
                    .as("naming a number in tickets spends neither its hourly cap nor its first contact")
                    .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.held()).isFalse());
        }
        assertThat(strict.assess(solved(attempt(victim, "203.0.113.7"), 2_000))).isInstanceOf(Verdict.Allow.class);
        // an admission is the caller's to audit; its refusals are the shield's
        assertThat(audit).extracting(AuditEvent::name)
                .containsExactly("shield_challenge_issued", "input_validation_fail", "shield_code_allowed");
    }

    @Test
    void oneSolutionBuysACodeOrAnAdmissionNeverBoth() {
        DefaultShield strict = shield(ShieldFixtures.properties(true), new InProcessShieldState());
        String admittedFirst = AltchaSolver.solve(pow.issue(2_000));
        assertThat(strict.admit(attempt(ShieldFixtures.email("siti@example.my"), "203.0.113.7").withPow(admittedFirst), TICKETS))
                .isInstanceOf(Verdict.Allow.class);
        assertThat(strict.assess(attempt(phone("+60123456789"), "203.0.113.8").withPow(admittedFirst)).reason())
                .isEqualTo("shield.pow.replayed");

        String codeFirst = AltchaSolver.solve(pow.issue(2_000));
        assertThat(strict.assess(attempt(phone("+60129876543"), "203.0.113.9").withPow(codeFirst))).isInstanceOf(Verdict.Allow.class);
        assertThat(strict.admit(attempt(ShieldFixtures.email("ali@example.my"), "203.0.113.10").withPow(codeFirst), TICKETS))
                .isInstanceOfSatisfying(Verdict.Challenge.class, c -> assertThat(c.reason()).isEqualTo("shield.pow.replayed"));
        assertThat(strict.admit(attempt(ShieldFixtures.email("ali@example.my"), "203.0.113.11").withPow(admittedFirst), TICKETS).reason())
                .as("nor two admissions").isEqualTo("shield.pow.replayed");
    }

    @Test
    void aQuotaRefusesWithItsWaitTakesNothingFromTheOtherAndStillSpendsTheSolution() {
        DefaultShield strict = shield(ShieldFixtures.properties(true), new InProcessShieldState());
        List<ClientQuota> quotas = List.of(ClientQuota.perAddress("helpdesk.ticket.per_ip", 2, Duration.ofHours(1)),
                ClientQuota.perSubnet("helpdesk.ticket.per_subnet", 3, Duration.ofHours(1)));
        Contact.Email contact = ShieldFixtures.email("siti@example.my");
        assertThat(strict.admit(solved(attempt(contact, "198.51.100.1"), 2_000), quotas)).isInstanceOf(Verdict.Allow.class);
        clock.advance(Duration.ofMinutes(20));
        assertThat(strict.admit(solved(attempt(contact, "198.51.100.1"), 2_000), quotas)).isInstanceOf(Verdict.Allow.class);
        Attempt third = solved(attempt(contact, "198.51.100.1"), 2_000);
        assertThat(strict.admit(third, quotas))
                .isEqualTo(new Verdict.Deny("helpdesk.ticket.per_ip", Duration.ofMinutes(40), DenyKind.RATE_LIMITED));
        assertThat(audit.getLast().name()).isEqualTo("excess_rate_limit_exceeded");
        // the refused admission took nothing from the subnet's three...
        assertThat(strict.admit(solved(attempt(contact, "198.51.100.2"), 2_000), quotas)).isInstanceOf(Verdict.Allow.class);
        assertThat(strict.admit(solved(attempt(contact, "198.51.100.3"), 2_000), quotas).reason()).isEqualTo("helpdesk.ticket.per_subnet");
        // ...but its solution is spent, as a refused code's is
        assertThat(strict.admit(attempt(contact, "192.0.2.1").withPow(third.pow().orElseThrow()), quotas).reason())
                .isEqualTo("shield.pow.replayed");
        // the quotas are the caller's own: the shield's address bucket for codes is untouched
        assertThat(strict.assess(solved(attempt(phone("+60123456789"), "198.51.100.1"), 2_000))).isInstanceOf(Verdict.Allow.class);
    }

    @Test
    void oneSolutionRacedAsCodesAndAdmissionsBuysExactlyOne() throws Exception {
        DefaultShield strict = shield(ShieldFixtures.properties(true), new InProcessShieldState());
        for (int round = 0; round < 10; round++) {
            String solution = AltchaSolver.solve(pow.issue(2_000));
            int r = round;
            AtomicInteger allowed = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> {
                        start.await();
                        Attempt a = attempt(phone("+6012" + String.format("%03d%04d", r, n)), "10.8." + r + "." + (n + 1)).withPow(solution);
                        if ((n % 2 == 0 ? strict.admit(a, TICKETS) : strict.assess(a)) instanceof Verdict.Allow) {
                            allowed.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            assertThat(allowed.get()).as("round %d", round).isEqualTo(1);
        }
    }

    @Test
    void aNormalFirstRequestIsAllowedAndAudited() {
        Verdict v = shield.assess(attempt(phone("+60123456789"), "203.0.113.7"));
        assertThat(v).isInstanceOf(Verdict.Allow.class);
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("shield_code_allowed");
            assertThat(e.subject()).isEqualTo("+6012*****89").doesNotContain("3456");
        });
        assertThat(meters.counter("benteng.shield.verdicts", "outcome", "allow", "reason", "shield.allowed", "channel", "sms").count())
                .isEqualTo(1);
    }

    @Test
    void undeliverableDestinationsAreRefusedBeforeAnythingIsCounted() {
        Verdict v = shield.assess(attempt(phone("+60 3-2345 6789"), "203.0.113.7"));
        assertThat(v).isEqualTo(new Verdict.Deny("shield.destination.fixed_line", Duration.ZERO, DenyKind.UNDELIVERABLE));
        assertThat(audit.getFirst().name()).isEqualTo("input_validation_fail");
    }

    @Test
    void aRegistryDenyRefusesAndAnAllowLiftsClientLimitsButNotTheDestinationCaps() {
        registry.add(new RegistryEntry("1", RegistryEntry.Action.DENY, RegistryEntry.Match.PREFIX, "6019", "pumped", "op",
                clock.instant(), clock.instant().plusSeconds(3600)));
        assertThat(shield.assess(attempt(phone("+60191234567"), "203.0.113.7")).reason()).isEqualTo("shield.registry.denied");

        registry.add(new RegistryEntry("2", RegistryEntry.Action.ALLOW, RegistryEntry.Match.PREFIX, "601", "call centre test", "op",
                clock.instant(), clock.instant().plusSeconds(3600)));
        // one address, many allow-listed numbers: far beyond the address bucket of 20
        for (int i = 0; i < 30; i++) {
            assertThat(shield.assess(attempt(phone("+6012300" + String.format("%04d", i)), "203.0.113.9")))
                    .isInstanceOf(Verdict.Allow.class);
        }
        // but one allow-listed never-verified number still gets one code per 10 minutes
        assertThat(shield.assess(attempt(phone("+60123000001"), "203.0.113.9")).reason()).isEqualTo("shield.destination.first_contact");
    }

    @Test
    void overTheSpendCapNothingIsSentAndNearItOnlyAllowListedNumbers() {
        assertThat(shield.assess(attempt(phone("+60123456789"), "203.0.113.7").withSpend(SpendLevel.OVER_CAP)))
                .isEqualTo(new Verdict.Deny("shield.spend.over_cap", Duration.ofHours(1), DenyKind.UNAVAILABLE));
        assertThat(shield.assess(attempt(phone("+60123456789"), "203.0.113.7").withSpend(SpendLevel.NEAR_CAP)).reason())
                .isEqualTo("shield.spend.near_cap");
        registry.add(new RegistryEntry("3", RegistryEntry.Action.ALLOW, RegistryEntry.Match.NUMBER, "60123456789", "vip", "op",
                clock.instant(), clock.instant().plusSeconds(3600)));
        assertThat(shield.assess(attempt(phone("+60123456789"), "203.0.113.7").withSpend(SpendLevel.NEAR_CAP)))
                .isInstanceOf(Verdict.Allow.class);
    }

    @Test
    void nearTheSpendCapANumberThatVerifiedBeforeStillGetsItsCodeAndANewOneDoesNot() {
        Contact.Phone returning = phone("+60123456700");
        shield.recordVerified(returning);
        // the reserve: what is left of the cap belongs to returning citizens, not to never-verified (pumped) numbers
        assertThat(shield.assess(attempt(returning, "203.0.113.7").withSpend(SpendLevel.NEAR_CAP))).isInstanceOf(Verdict.Allow.class);
        assertThat(shield.assess(attempt(phone("+60123456701"), "203.0.113.8").withSpend(SpendLevel.NEAR_CAP)).reason())
                .isEqualTo("shield.spend.near_cap");
        // over the cap nobody gets one
        assertThat(shield.assess(attempt(returning, "203.0.113.9").withSpend(SpendLevel.OVER_CAP)).reason())
                .isEqualTo("shield.spend.over_cap");
    }

    @Test
    void aVerifiedDestinationIsNoLongerFirstContact() {
        Contact.Phone number = phone("+60123456789");
        assertThat(shield.assess(attempt(number, "203.0.113.7"))).isInstanceOf(Verdict.Allow.class);
        assertThat(shield.assess(attempt(number, "203.0.113.7")).reason()).isEqualTo("shield.destination.first_contact");
        shield.recordVerified(number);
        assertThat(shield.assess(attempt(number, "203.0.113.7"))).isInstanceOf(Verdict.Allow.class);
        assertThat(shield.assess(attempt(number, "203.0.113.7"))).isInstanceOf(Verdict.Allow.class);
        Verdict fourth = shield.assess(attempt(number, "203.0.113.7"));
        assertThat(fourth).isEqualTo(new Verdict.Deny("shield.destination.hourly_cap", Duration.ofHours(1), DenyKind.RATE_LIMITED));
        assertThat(audit.getLast().name()).isEqualTo("excess_rate_limit_exceeded");
        assertThat(audit.getLast().attackIds()).containsExactly("T1621");
    }

    @Test
    void withPowRequiredAMissingSolutionGetsALowChallengeAndASolvedOneIsSpentOnce() {
        DefaultShield strict = shield(ShieldFixtures.properties(true), new InProcessShieldState());
        Verdict first = strict.assess(attempt(phone("+60123456789"), "203.0.113.7"));
        assertThat(first).isInstanceOfSatisfying(Verdict.Challenge.class, c -> {
            assertThat(c.difficulty()).isEqualTo(2_000);
            assertThat(c.reason()).isEqualTo("shield.pow.required");
        });
        String solution = AltchaSolver.solve(((Verdict.Challenge) first).challenge());
        assertThat(strict.assess(attempt(phone("+60123456789"), "203.0.113.7").withPow(solution))).isInstanceOf(Verdict.Allow.class);
        Verdict replay = strict.assess(attempt(phone("+60129876543"), "203.0.113.7").withPow(solution));
        assertThat(replay.reason()).isEqualTo("shield.pow.replayed");
        assertThat(strict.assess(attempt(phone("+60129876543"), "203.0.113.7").withPow("garbage")).reason())
                .isEqualTo("shield.pow.invalid");
    }

    @Test
    void quietHoursFirstContactNeedsAHighDifficultySolution() {
        clock.set(Instant.parse(ShieldFixtures.NIGHT));
        DefaultShield strict = shield(ShieldFixtures.properties(true), new InProcessShieldState());
        Attempt night = attempt(phone("+60123456789"), "203.0.113.7");
        Verdict v = strict.assess(night);
        assertThat(v).isInstanceOfSatisfying(Verdict.Challenge.class, c -> {
            assertThat(c.difficulty()).isEqualTo(20_000);
            assertThat(c.reason()).isEqualTo("shield.quiet_hours");
        });
        // an easy solution does not buy a night-time first contact
        assertThat(strict.assess(solved(night, 2_000))).isInstanceOf(Verdict.Challenge.class);
        assertThat(strict.assess(solved(night, 20_000))).isInstanceOf(Verdict.Allow.class);
        // even without PoW required, quiet hours ask for one
        assertThat(shield.assess(attempt(phone("+60129876543"), "203.0.113.7"))).isInstanceOf(Verdict.Challenge.class);
        // and a number that has verified before gets the same answer, so the night reveals no account
        shield.recordVerified(phone("+60125550123"));
        assertThat(shield.assess(attempt(phone("+60125550123"), "203.0.113.8"))).isInstanceOfSatisfying(Verdict.Challenge.class,
                c -> assertThat(c.reason()).isEqualTo("shield.quiet_hours"));
    }

    @Test
    void aPumpedPrefixRaisesDifficultyThenIsBlockedWithAnAlert() {
        // surge above 5 codes per hour is suspicious, above 10 blocks (the pumping ranges, which would call ten
        // unverified first codes in one prefix SEVERE, are left out: this is the surge monitor alone)
        DefaultShield watched = shield(ShieldFixtures.pumpingSamples(ShieldFixtures.properties(false, 2_000, 20_000, 5, 10, 1000, 0.3, 0.1),
                1_000_000, 1_000_000), new InProcessShieldState());
        int allowed = 0;
        for (int i = 0; i < 5; i++) {
            if (watched.assess(attempt(phone("+6012345" + String.format("%04d", i)), "10.0." + i + ".1")) instanceof Verdict.Allow) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(5);
        assertThat(watched.assess(attempt(phone("+60123455555"), "10.1.0.1"))).isInstanceOf(Verdict.Allow.class);
        // sixth code: the prefix is now suspicious, so the next request needs high-difficulty work
        Verdict challenged = watched.assess(attempt(phone("+60123456666"), "10.1.1.1"));
        assertThat(challenged).isInstanceOfSatisfying(Verdict.Challenge.class, c -> assertThat(c.reason()).isEqualTo("shield.prefix.surge"));
        // other prefixes are not affected
        assertThat(watched.assess(attempt(phone("+60198765432"), "10.1.2.1"))).isInstanceOf(Verdict.Allow.class);
        for (int i = 0; i < 4; i++) {
            assertThat(watched.assess(solved(attempt(phone("+6012345" + String.format("%04d", 100 + i)), "10.2." + i + ".1"), 20_000)))
                    .isInstanceOf(Verdict.Allow.class);
        }
        assertThat(events).isEmpty();
        // the eleventh code crosses the block line: it is refused itself, and held codes of the prefix are cancelled
        assertThat(watched.assess(solved(attempt(phone("+60123450104"), "10.2.4.1"), 20_000)))
                .isEqualTo(new Verdict.Deny("shield.prefix.blocked", Duration.ofHours(12), DenyKind.RATE_LIMITED));
        assertThat(events).containsExactly(new PrefixBlocked("prefix:6012345"));
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("shield_prefix_blocked");
            assertThat(e.attackIds()).containsExactly("T1496.003");
        });
        Verdict blocked = watched.assess(solved(attempt(phone("+60123457777"), "10.3.0.1"), 20_000));
        assertThat(blocked).isEqualTo(new Verdict.Deny("shield.prefix.blocked", Duration.ofHours(12), DenyKind.RATE_LIMITED));
        assertThat(meters.counter("benteng.shield.alerts", "reason", "shield.prefix.surge").count()).isEqualTo(1);
    }

    @Test
    void fiftyParallelAttemptsForOneNumberGetExactlyThreeCodes() throws Exception {
        Contact.Phone number = phone("+60123456789");
        shield.recordVerified(number);
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    if (shield.assess(attempt(number, "10.9." + n + ".1")) instanceof Verdict.Allow) {
                        allowed.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(allowed.get()).isEqualTo(3);
    }

    @Test
    void anUnreachableLimitStoreFailsClosedWithAnAlertAndNoException() {
        try (RedisShieldState down = new RedisShieldState("redis://127.0.0.1:1", "x:", Duration.ofMillis(300), Duration.ofSeconds(1), new SecureRandom())) {
            DefaultShield closed = shield(ShieldFixtures.properties(false), down);
            Verdict v = closed.assess(attempt(phone("+60123456789"), "203.0.113.7"));
            assertThat(v).isEqualTo(new Verdict.Deny("shield.state.unavailable", Duration.ofSeconds(1), DenyKind.UNAVAILABLE));
            assertThat(audit).extracting(AuditEvent::name).containsExactly("shield_unavailable", "shield_unavailable");
            assertThat(meters.counter("benteng.shield.alerts", "reason", "shield.state.unavailable").count()).isEqualTo(1);
            closed.recordVerified(phone("+60123456789")); // the verification is kept; no exception
        }
    }

    @Test
    void eMailDestinationsGetTheSameCapsAndTheDisposableDenylist() {
        assertThat(shield.assess(attempt(ShieldFixtures.email("x@mailinator.com"), "203.0.113.7")).reason())
                .isEqualTo("shield.destination.disposable_domain");
        assertThat(shield.assess(attempt(ShieldFixtures.email("siti@example.my"), "203.0.113.7"))).isInstanceOf(Verdict.Allow.class);
        assertThat(shield.assess(attempt(ShieldFixtures.email("siti@example.my"), "203.0.113.7")).reason())
                .isEqualTo("shield.destination.first_contact");
    }

    @Test
    void aFirstContactIsHeldAtMostTwoSecondsWhileFirstCodesConvertAsUsual() {
        // decision 0023: the long hold engages only under suspicion (it used to hold every first code for 20 s)
        assertThat(shield.assess(attempt(phone("+60123450002"), "10.4.1.1"))).isInstanceOfSatisfying(Verdict.Allow.class, a -> {
            assertThat(a.hold()).isEqualTo(Duration.ofSeconds(2));
            assertThat(a.holdKey()).isEqualTo("prefix:6012345");
        });
    }

    @Test
    void aSecondUnverifiedFirstCodeInOnePrefixIsHeldForTheFullHoldAndAVerifiedOneLiftsIt() {
        assertThat(shield.assess(attempt(phone("+60123450002"), "10.4.1.1")))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.hold()).isEqualTo(Duration.ofSeconds(2)));
        // the prefix already holds one first code nobody verified: the next one waits long enough for a block to catch it
        assertThat(shield.assess(attempt(phone("+60123450003"), "10.4.2.1"))).isInstanceOfSatisfying(Verdict.Allow.class, a -> {
            assertThat(a.hold()).isEqualTo(Duration.ofSeconds(20));
            assertThat(a.holdKey()).isEqualTo("prefix:6012345");
        });
        // once both are verified the prefix converts as usual again
        shield.recordVerified(phone("+60123450002"));
        shield.recordVerified(phone("+60123450003"));
        assertThat(shield.assess(attempt(phone("+60123450004"), "10.4.3.1")))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.hold()).isEqualTo(Duration.ofSeconds(2)));
        // another prefix is not affected by this one
        assertThat(shield.assess(attempt(phone("+60123460005"), "10.4.4.1")))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.hold()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void theOperatorCanSwitchThePrefixHoldOff() {
        ShieldProperties.Pumping d = ShieldProperties.Pumping.defaults();
        DefaultShield off = shield(ShieldFixtures.pumping(ShieldFixtures.properties(false), new ShieldProperties.Pumping(d.minimumLevel(),
                d.minSample(), d.rangeMinSample(), d.priorBaseline(), d.baselineCeiling(), d.baselineAlpha(), d.baselineMaxStep(),
                d.learnEvery(), d.elevatedMargin(), d.severeMargin(), d.elevatedAbsolute(), d.severeAbsolute(), d.hysteresis(),
                d.relaxAfter(), Duration.ZERO, 0, d.severeHold(), d.severeDifficulty(), d.velocityDivisor())), new InProcessShieldState());
        for (int i = 2; i < 5; i++) {
            assertThat(off.assess(attempt(phone("+6012345000" + i), "10.4." + i + ".1")))
                    .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.held()).isFalse());
        }
    }

    @Test
    void aFirstContactIsHeldUnderItsPrefixWhenPumpingIsSuspectedAndAReturningNumberIsNot() {
        DefaultShield shield = shield(ShieldFixtures.minimumLevel(ShieldFixtures.properties(false), "ELEVATED"), new InProcessShieldState());
        assertThat(shield.assess(solved(attempt(phone("+60123450002"), "10.4.1.1"), 20_000))).isInstanceOfSatisfying(Verdict.Allow.class, a -> {
            assertThat(a.hold()).isEqualTo(Duration.ofSeconds(20));
            assertThat(a.holdKey()).isEqualTo("prefix:6012345");
        });
        // a number that has verified before is never held
        shield.recordVerified(phone("+60123459999"));
        assertThat(shield.assess(attempt(phone("+60123459999"), "10.4.3.1")))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.held()).isFalse());
        // nor is e-mail (no prefix to watch) or an allow-listed number
        assertThat(shield.assess(attempt(ShieldFixtures.email("siti@example.my"), "10.4.4.1")))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.held()).isFalse());
        registry.add(new RegistryEntry("2", RegistryEntry.Action.ALLOW, RegistryEntry.Match.NUMBER, "60123450003", "test", "op",
                clock.instant(), clock.instant().plusSeconds(3600)));
        assertThat(shield.assess(attempt(phone("+60123450003"), "10.4.5.1")))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.held()).isFalse());
    }

    @Test
    void unverifiedFirstCodesAcrossManyPrefixesRaiseTheLevelForNeverVerifiedNumbersOnlyAndItRelaxesWhenConversionRecovers() {
        Contact.Phone returning = phone("+60135550100");
        shield.recordVerified(returning);
        // 40 first codes, each in a prefix of its own (no prefix monitor can see it), of which 18 are verified
        for (int i = 0; i < 40; i++) {
            Contact.Phone number = phone(String.format("+60123%02d%04d", i, i));
            // solved at the high difficulty: from the level change on, a first contact needs it
            assertThat(shield.assess(solved(attempt(number, "10.8." + i + ".1"), 20_000))).isInstanceOf(Verdict.Allow.class);
            if (i % 20 < 9) {
                shield.recordVerified(number);
            }
        }
        // the whole channel, the country, operator range and 5-digit prefix the numbers share, and the two 6-digit
        // prefixes whose ten codes nobody verified
        assertThat(audit).filteredOn(e -> e.name().equals("shield_pumping_level_changed")).extracting(AuditEvent::subject)
                .containsExactlyInAnyOrder("global", "cc:60", "range:60-12", "p5:60123", "p6:601231", "p6:601233");
        assertThat(audit).filteredOn(e -> e.name().equals("shield_pumping_level_changed") && e.subject().equals("global")).singleElement().satisfies(e -> {
            assertThat(e.attackIds()).containsExactly("T1496.003");
            assertThat(e.reason()).isEqualTo("shield.pumping.elevated");
        });
        assertThat(meters.get("benteng.shield.pumping.level").tag("scope", "global").gauge().value()).isEqualTo(1);
        assertThat(meters.get("benteng.shield.pumping.ratio").gauge().value()).isBetween(0.5, 0.7);

        // a never-verified number now pays the high difficulty and its code is held under its prefix
        Attempt fresh = attempt(phone("+60193334444"), "10.8.100.1");
        assertThat(shield.assess(solved(fresh, 2_000))).isInstanceOfSatisfying(Verdict.Challenge.class, c -> {
            assertThat(c.difficulty()).isEqualTo(20_000);
            assertThat(c.reason()).isEqualTo("shield.pumping.elevated");
        });
        assertThat(shield.assess(solved(fresh, 20_000))).isInstanceOfSatisfying(Verdict.Allow.class,
                a -> assertThat(a.hold()).isEqualTo(Duration.ofSeconds(20)));
        // a returning user is not slowed at all
        assertThat(shield.assess(attempt(returning, "10.8.101.1")))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.held()).isFalse());

        // the attack ends: once the window has rolled over and conversion is healthy for relax-after, back to NORMAL
        clock.advance(Duration.ofMinutes(61));
        Contact.Phone genuine = phone("+60193334445");
        assertThat(shield.assess(solved(attempt(genuine, "10.8.102.1"), 20_000))).isInstanceOf(Verdict.Allow.class);
        shield.recordVerified(genuine);
        clock.advance(Duration.ofMinutes(11));
        assertThat(shield.assess(solved(attempt(phone("+60193334446"), "10.8.103.1"), 20_000))).isInstanceOf(Verdict.Allow.class);
        assertThat(audit).filteredOn(e -> e.name().equals("shield_pumping_level_changed") && e.subject().equals("global"))
                .extracting(AuditEvent::reason).containsExactly("shield.pumping.elevated", "shield.pumping.normal");
        // back to the short hold (in a prefix of its own: +6019333's last first code is still unverified)
        assertThat(shield.assess(attempt(phone("+60195554447"), "10.8.104.1")))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.hold()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void atSevereANeverVerifiedNumberInTheRaisedRangeNeedsTheSevereDifficultyAndALongerHold() {
        // ten first codes that nobody verifies in one operator range (060-12): that range is SEVERE, the rest is not
        for (int i = 0; i < 10; i++) {
            assertThat(shield.assess(attempt(phone(String.format("+60123%02d%04d", i, i)), "10.8." + i + ".1"))).isInstanceOf(Verdict.Allow.class);
        }
        Attempt inRange = attempt(phone("+60129990001"), "10.8.100.1");
        assertThat(shield.assess(solved(inRange, 20_000))).isInstanceOfSatisfying(Verdict.Challenge.class, c -> {
            assertThat(c.difficulty()).isEqualTo(4_000_000);
            assertThat(c.reason()).isEqualTo("shield.pumping.severe");
        });
        // outside it a first contact is NORMAL: the short hold only
        assertThat(shield.assess(attempt(phone("+60193334441"), "10.8.101.1")))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.hold()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void atSevereTheHoldIsTheLongerOne() {
        ShieldProperties.Pumping d = ShieldProperties.Pumping.defaults();
        DefaultShield severe = shield(ShieldFixtures.pumping(ShieldFixtures.properties(false), new ShieldProperties.Pumping("SEVERE",
                d.minSample(), d.rangeMinSample(), d.priorBaseline(), d.baselineCeiling(), d.baselineAlpha(), d.baselineMaxStep(),
                d.learnEvery(), d.elevatedMargin(), d.severeMargin(), d.elevatedAbsolute(), d.severeAbsolute(), d.hysteresis(),
                d.relaxAfter(), d.normalHold(), d.prefixHoldAbove(), Duration.ofSeconds(60), 30_000, d.velocityDivisor())), new InProcessShieldState());
        Attempt fresh = attempt(phone("+60129990002"), "10.8.102.1");
        assertThat(severe.assess(solved(fresh, 20_000)))
                .isInstanceOfSatisfying(Verdict.Challenge.class, c -> assertThat(c.difficulty()).isEqualTo(30_000));
        assertThat(severe.assess(solved(fresh, 30_000)))
                .isInstanceOfSatisfying(Verdict.Allow.class, a -> assertThat(a.hold()).isEqualTo(Duration.ofSeconds(60)));
    }

    @Test
    void aSmallPrefixSampleThatNobodyVerifiesIsBlockedAndTheFifthCodeRefused() {
        ShieldProperties d = ShieldProperties.defaults();
        DefaultShield shield = shield(ShieldFixtures.properties(false, 2_000, 20_000, d.prefixSurgeThreshold(), d.prefixBlockThreshold(),
                d.conversionMinSample(), d.conversionSuspiciousBelow(), d.conversionBlockBelow()), new InProcessShieldState());
        for (int i = 1; i <= 4; i++) {
            assertThat(shield.assess(attempt(phone("+6016777" + String.format("%04d", i)), "10.7." + i + ".1")))
                    .isInstanceOf(Verdict.Allow.class);
        }
        assertThat(shield.assess(attempt(phone("+60167770005"), "10.7.5.1")))
                .isEqualTo(new Verdict.Deny("shield.prefix.blocked", Duration.ofHours(12), DenyKind.RATE_LIMITED));
        assertThat(events).containsExactly(new PrefixBlocked("prefix:6016777"));
        // behind the block, every request pays the high difficulty before it learns anything (no free oracle of blocked ranges)
        assertThat(shield.assess(attempt(phone("+60167770006"), "10.7.6.1")))
                .isInstanceOfSatisfying(Verdict.Challenge.class, c -> assertThat(c.difficulty()).isEqualTo(20_000));
        assertThat(shield.assess(solved(attempt(phone("+60167770006"), "10.7.6.1"), 20_000)).reason()).isEqualTo("shield.prefix.blocked");
    }

    @Test
    void aRefusedAttemptSpendsItsProofOfWork() {
        DefaultShield strict = shield(ShieldFixtures.properties(true), new InProcessShieldState());
        Contact.Phone number = phone("+60123456789");
        strict.recordVerified(number);
        for (int i = 0; i < 3; i++) {
            assertThat(strict.assess(solved(attempt(number, "203.0.113.7"), 2_000))).isInstanceOf(Verdict.Allow.class);
        }
        Attempt refused = solved(attempt(number, "203.0.113.7"), 2_000);
        assertThat(strict.assess(refused).reason()).isEqualTo("shield.destination.hourly_cap");
        // the same solution for another number: it was spent by the refusal
        assertThat(strict.assess(attempt(phone("+60129876543"), "203.0.113.7").withPow(refused.pow().orElseThrow())).reason())
                .isEqualTo("shield.pow.replayed");
    }

    @Test
    void refusalsAreAuditedInBatchesAndCoalescedIntoCountsWhenTheQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<List<AuditEvent>> batches = Collections.synchronizedList(new ArrayList<>());
        AuditLog slow = new AuditLog() {
            @Override
            public long record(AuditEvent event) {
                return recordAll(List.of(event));
            }

            @Override
            public long recordAll(List<AuditEvent> list) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                batches.add(List.copyOf(list));
                return list.size();
            }
        };
        try (ShieldTelemetry telemetry = new ShieldTelemetry(slow, meters, clock, 4, 1_000, null)) {
            Verdict.Deny deny = new Verdict.Deny("shield.client.ip", Duration.ofSeconds(5), DenyKind.RATE_LIMITED);
            for (int i = 0; i < 50; i++) {
                telemetry.verdict(attempt(phone("+60123456789"), "203.0.113.7"), deny); // never blocks the caller
            }
            release.countDown();
            telemetry.flush();
        }
        List<AuditEvent> written = batches.stream().flatMap(List::stream).toList();
        long individual = written.stream().filter(e -> e.name().equals("excess_rate_limit_exceeded")).count();
        long coalesced = written.stream().filter(e -> e.name().equals("shield_verdicts_coalesced"))
                .mapToLong(e -> Long.parseLong(e.details().get("shield.client.ip"))).sum();
        assertThat(coalesced).isPositive();
        assertThat(individual + coalesced).isEqualTo(50);
        // at most what the writer held in hand plus a full queue; the rest are counts
        assertThat(individual).isLessThanOrEqualTo(9);
        assertThat(meters.counter("benteng.shield.verdicts", "outcome", "deny", "reason", "shield.client.ip", "channel", "sms").count())
                .isEqualTo(50);
    }

    @Test
    void beyondItsRatePerSecondAFloodOfRefusalsIsAuditedAsCounts() {
        List<AuditEvent> written = Collections.synchronizedList(new ArrayList<>());
        AuditLog log = new AuditLog() {
            @Override
            public long record(AuditEvent event) {
                written.add(event);
                return written.size();
            }
        };
        try (ShieldTelemetry telemetry = new ShieldTelemetry(log, meters, clock, 10_000, 20, null)) {
            Verdict.Deny deny = new Verdict.Deny("shield.client.ip", Duration.ofSeconds(5), DenyKind.RATE_LIMITED);
            for (int i = 0; i < 500; i++) {
                telemetry.verdict(attempt(phone("+60123456789"), "203.0.113.7"), deny); // one second on the movable clock
            }
            telemetry.flush();
        }
        long individual = written.stream().filter(e -> e.name().equals("excess_rate_limit_exceeded")).count();
        long counted = written.stream().filter(e -> e.name().equals("shield_verdicts_coalesced"))
                .mapToLong(e -> Long.parseLong(e.details().get("shield.client.ip"))).sum();
        assertThat(individual).isEqualTo(20);
        assertThat(counted).isEqualTo(480);
    }
}

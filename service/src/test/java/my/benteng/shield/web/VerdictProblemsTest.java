package my.benteng.shield.web;

import my.benteng.platform.ProblemWords;
import my.benteng.shield.DenyKind;
import my.benteng.shield.PowChallenge;
import my.benteng.shield.Verdict;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one wording of a refused verdict: each kind, for codes and for a caller with its own words. */
class VerdictProblemsTest {

    private static final ProblemWords UNDELIVERABLE = ProblemWords.of(HttpStatus.UNPROCESSABLE_CONTENT, "undeliverable-destination",
            "Destination cannot receive codes", "Codes go only to valid numbers.");
    private static final VerdictProblems CODES = VerdictProblems.forCodes(UNDELIVERABLE);
    private static final VerdictProblems TICKETS = VerdictProblems.of(
            ProblemWords.of(HttpStatus.UNPROCESSABLE_CONTENT, "unusable-contact", "Contact cannot be used", "Give another contact."),
            ProblemWords.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Unavailable", "Tickets cannot be taken right now; retry later."),
            "Too many tickets were submitted; wait before sending another.");

    private static final PowChallenge CHALLENGE = new PowChallenge("SHA-256", "c0ffee", 100_000, "salt?expires=1", "sig");

    @Test
    void aChallengeIs428CarryingTheChallengeAndNoRetryAfter() {
        ProblemWords words = CODES.words(new Verdict.Challenge(100_000, CHALLENGE, "shield.pow.required"));
        assertThat(words.status()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
        assertThat(words.slug()).isEqualTo("proof-of-work-required");
        assertThat(words.title()).isEqualTo("Proof of work required");
        assertThat(words.detail()).isEqualTo("Solve the challenge and send the solution as 'pow' with the same request.");
        assertThat(words.properties()).containsEntry("challenge", CHALLENGE).hasSize(1);
        assertThat(words.retryAfter()).isNull();
        assertThat(TICKETS.words(new Verdict.Challenge(100_000, CHALLENGE, "shield.pow.required"))).isEqualTo(words);
    }

    @Test
    void anUndeliverableDestinationGetsTheCallersWords() {
        Verdict.Deny deny = new Verdict.Deny("shield.destination.region", Duration.ZERO, DenyKind.UNDELIVERABLE);
        assertThat(CODES.words(deny)).isEqualTo(UNDELIVERABLE);
        assertThat(TICKETS.words(deny).slug()).isEqualTo("unusable-contact");
        assertThat(TICKETS.words(deny).retryAfter()).isNull();
    }

    @Test
    void aRateLimitIs429WithRetryAfterOfAtLeastOneSecond() {
        ProblemWords words = CODES.words(new Verdict.Deny("shield.destination.hourly_cap", Duration.ofSeconds(42), DenyKind.RATE_LIMITED));
        assertThat(words.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(words.slug()).isEqualTo("too-many-requests");
        assertThat(words.title()).isEqualTo("Too many requests");
        assertThat(words.detail()).isEqualTo("Too many codes were requested; wait before asking again.");
        assertThat(words.retryAfter()).isEqualTo(Duration.ofSeconds(42));
        assertThat(CODES.words(new Verdict.Deny("shield.ip.bucket", Duration.ofMillis(10), DenyKind.RATE_LIMITED)).retryAfter())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(TICKETS.words(new Verdict.Deny("shield.ip.bucket", Duration.ZERO, DenyKind.RATE_LIMITED)).detail())
                .isEqualTo("Too many tickets were submitted; wait before sending another.");
    }

    @Test
    void anUndecidableShieldIs503WithRetryAfterOfAtLeastOneSecond() {
        ProblemWords words = CODES.words(new Verdict.Deny("shield.state.unavailable", Duration.ZERO, DenyKind.UNAVAILABLE));
        assertThat(words.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(words.slug()).isEqualTo("codes-unavailable");
        assertThat(words.title()).isEqualTo("Codes unavailable");
        assertThat(words.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(CODES.words(new Verdict.Deny("shield.spend.over_cap", Duration.ofMinutes(5), DenyKind.UNAVAILABLE)).retryAfter())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(TICKETS.words(new Verdict.Deny("shield.state.unavailable", Duration.ZERO, DenyKind.UNAVAILABLE)).slug())
                .isEqualTo("unavailable");
    }

    @Test
    void theCallersOwnCooldownIsWordedLikeTheShieldsLimits() {
        assertThat(CODES.tooMany(Duration.ofSeconds(30))).isEqualTo(
                CODES.words(new Verdict.Deny("shield.resend.cooldown", Duration.ofSeconds(30), DenyKind.RATE_LIMITED)));
        assertThat(CODES.tooMany(null).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theReasonCodeNeverReachesTheClient() {
        for (DenyKind kind : DenyKind.values()) {
            ProblemWords words = CODES.words(new Verdict.Deny("shield.secret.reason", Duration.ofSeconds(3), kind));
            assertThat(words.slug() + words.title() + words.detail() + words.properties()).doesNotContain("shield.secret.reason");
        }
    }

    @Test
    void anAllowIsNotARefusal() {
        assertThatThrownBy(() -> CODES.words(new Verdict.Allow())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProblemToThrowCarriesTheSameWords() {
        Verdict.Deny deny = new Verdict.Deny("shield.destination.daily_cap", Duration.ofHours(1), DenyKind.RATE_LIMITED);
        assertThat(CODES.problem(deny).words()).isEqualTo(CODES.words(deny));
        assertThat(CODES.problem(deny).getStackTrace()).isEmpty();
    }
}

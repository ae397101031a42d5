package my.benteng.shield.internal;

import my.benteng.testing.MovableClock;
import my.benteng.testing.AltchaSolver;
import my.benteng.shield.PowChallenge;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class PowServiceTest {

    private final MovableClock clock = new MovableClock(ShieldFixtures.DAYTIME);
    private final PowService pow = new PowService("k".repeat(32), clock, Duration.ofMinutes(5));

    @Test
    void aSolvedChallengeIsValidAndCarriesItsDifficulty() {
        PowChallenge challenge = pow.issue(5_000);
        assertThat(challenge.maxnumber()).isEqualTo(5_000);
        PowService.Check check = pow.verify(AltchaSolver.solve(challenge));
        assertThat(check).isInstanceOf(PowService.Valid.class);
        assertThat(((PowService.Valid) check).difficulty()).isEqualTo(5_000);
        assertThat(((PowService.Valid) check).id()).isEqualTo(challenge.challenge());
    }

    @Test
    void aSolutionOfAChallengeIssuedEarlierStillVerifies() {
        // golden payload: issued by the ALTCHA library under this key and solved; the signature check must keep accepting it
        String challenge = "2e76aa73f6f242750e2f5da27cf08b3b9a80d746419912b99f885b385c42bdb5";
        String salt = "d3fdce3cc2a435eb2eb82248?expires=1795313100&d=1000&";
        String signature = "78a4c9748fa9442ec36b0551ac255ce2ca57bbf61b547f868fb89d599fa72255";

        assertThat(pow.verify(AltchaSolver.payload(challenge, 702, salt, signature)))
                .isEqualTo(new PowService.Valid(challenge, 1_000, java.time.Instant.ofEpochSecond(1795313100)));
        String otherSignature = signature.substring(0, 63) + (signature.endsWith("5") ? "6" : "5");
        assertThat(pow.verify(AltchaSolver.payload(challenge, 702, salt, otherSignature)))
                .isEqualTo(new PowService.Invalid("shield.pow.invalid"));
    }

    @Test
    void anExpiredSolutionIsRefusedByTheServiceClock() {
        String solution = AltchaSolver.solve(pow.issue(1_000));
        clock.advance(Duration.ofMinutes(5));
        assertThat(pow.verify(solution)).isEqualTo(new PowService.Invalid("shield.pow.expired"));
    }

    @Test
    void anEasySolutionPassedOffAsAHardOneIsRefused() {
        PowChallenge easy = pow.issue(1_000);
        String solution = AltchaSolver.solve(easy);
        String json = new String(Base64.getDecoder().decode(solution), StandardCharsets.UTF_8);
        String hardClaim = json.replace("d=1000&", "d=20000&");
        assertThat(hardClaim).isNotEqualTo(json);
        assertThat(pow.verify(Base64.getEncoder().encodeToString(hardClaim.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new PowService.Invalid("shield.pow.invalid"));
        assertThat(pow.verify(solution)).isInstanceOf(PowService.Valid.class);
        // and a challenge signed with another key is refused too
        PowService other = new PowService("x".repeat(32), clock, Duration.ofMinutes(5));
        assertThat(pow.verify(AltchaSolver.solve(other.issue(1_000)))).isEqualTo(new PowService.Invalid("shield.pow.invalid"));
    }

    @Test
    void aWrongNumberIsRefused() {
        PowChallenge c = pow.issue(1_000);
        String solution = AltchaSolver.solve(c);
        String json = new String(Base64.getDecoder().decode(solution), StandardCharsets.UTF_8);
        long number = Long.parseLong(json.replaceAll(".*\"number\":(\\d+).*", "$1"));
        String wrong = AltchaSolver.payload(c.challenge(), (number + 1) % 1_000, c.salt(), c.signature());
        assertThat(pow.verify(wrong)).isEqualTo(new PowService.Invalid("shield.pow.invalid"));
    }

    @Test
    void garbageAndOversizedPayloadsAreRefusedWithoutException() {
        String[] garbage = {"", "not base64 !!", Base64.getEncoder().encodeToString("not json".getBytes()),
                Base64.getEncoder().encodeToString("{\"algorithm\":\"SHA-256\"}".getBytes()),
                Base64.getEncoder().encodeToString("[1,2,3]".getBytes()),
                Base64.getEncoder().encodeToString("{\"algorithm\":\"SHA-1\",\"challenge\":\"00\",\"number\":1,\"salt\":\"a?d=1&expires=9999999999&\",\"signature\":\"00\"}".getBytes()),
                AltchaSolver.payload("a".repeat(64), 1, "abc?d=notanumber&expires=1&", "b".repeat(64)),
                AltchaSolver.payload("a".repeat(64), -1, "abc?d=10&expires=9999999999&", "b".repeat(64)),
                "A".repeat(10_000)};
        for (String g : garbage) {
            assertThat(pow.verify(g)).isEqualTo(new PowService.Invalid("shield.pow.invalid"));
        }
        assertThat(pow.verify(null)).isInstanceOf(PowService.Invalid.class);
    }

    @Test
    void aForgedSignatureOrAnotherSpellingOfTheChallengeIsRefused() {
        PowChallenge c = pow.issue(1_000);
        String solution = AltchaSolver.solve(c);
        String json = new String(Base64.getDecoder().decode(solution), StandardCharsets.UTF_8);
        long number = Long.parseLong(json.replaceAll(".*\"number\":(\\d+).*", "$1"));
        assertThat(pow.verify(AltchaSolver.payload(c.challenge(), number, c.salt(), "0".repeat(64))))
                .as("forged signature").isEqualTo(new PowService.Invalid("shield.pow.invalid"));
        // the challenge is the spent marker's id: an upper-case spelling must not pass as a new solution
        assertThat(pow.verify(AltchaSolver.payload(c.challenge().toUpperCase(java.util.Locale.ROOT), number, c.salt(), c.signature())))
                .as("upper-case challenge").isEqualTo(new PowService.Invalid("shield.pow.invalid"));
        assertThat(pow.verify(AltchaSolver.payload(c.challenge(), number, c.salt(), c.signature().toUpperCase(java.util.Locale.ROOT))))
                .as("upper-case signature").isEqualTo(new PowService.Invalid("shield.pow.invalid"));
        assertThat(pow.verify(solution)).isInstanceOf(PowService.Valid.class);
    }
}

package my.benteng.shield.internal;

import my.benteng.shield.ShieldProperties;
import my.benteng.shield.Verdict;

import java.util.Optional;

/**
 * Rule 7: proof of work whose difficulty follows the risk. A normal request needs a low-difficulty solution
 * (well under a second in a browser), quiet-hours first contact and suspicious prefixes a high one; a
 * missing, forged, expired or too-easy solution is answered with a fresh challenge of the required level.
 */
class PowPolicy {

    /** Either an objection (a challenge to hand out) or the solution to spend, or neither when no PoW is required. */
    record Result(Optional<Verdict> objection, Optional<PowService.Valid> solution) {
    }

    private final PowService pow;
    private final ShieldProperties properties;

    PowPolicy(PowService pow, ShieldProperties properties) {
        this.pow = pow;
        this.properties = properties;
    }

    /**
     * @param solution   the client's payload, if any
     * @param highReason why a high difficulty is needed (quiet hours, suspicious prefix); empty for normal risk
     */
    Result check(Optional<String> solution, Optional<String> highReason) {
        long required = highReason.isPresent() ? properties.powHighDifficulty()
                : properties.powRequired() ? properties.powLowDifficulty() : 0;
        if (required == 0) {
            return new Result(Optional.empty(), Optional.empty());
        }
        if (solution.isEmpty()) {
            return challenge(required, highReason.orElse("shield.pow.required"));
        }
        return switch (pow.verify(solution.get())) {
            case PowService.Invalid invalid -> challenge(required, invalid.reason());
            // too easy for what is asked now: raised risk, or a raised low difficulty while older challenges circulate
            case PowService.Valid valid when valid.difficulty() < required -> challenge(required, highReason.orElse("shield.pow.too_easy"));
            case PowService.Valid valid -> new Result(Optional.empty(), Optional.of(valid));
        };
    }

    /**
     * {@code screened} (what {@link #check} answered for {@code solution}) raised to at least {@code required}: a
     * challenge of that difficulty when the solution is missing or easier, else the screened result with the solution
     * to spend (verified here when {@link #check} needed none). For a first contact while pumping is suspected,
     * decided once the shield knows the number never verified.
     */
    Result atLeast(Optional<String> solution, Result screened, long required, String reason) {
        Optional<PowService.Valid> valid = screened.solution();
        if (valid.isEmpty() && solution.isPresent() && pow.verify(solution.get()) instanceof PowService.Valid v) {
            valid = Optional.of(v);
        }
        return valid.isPresent() && valid.get().difficulty() >= required ? new Result(Optional.empty(), valid)
                : challenge(required, reason);
    }

    /** A fresh challenge for a solution that was already spent. */
    Verdict replayed(Optional<String> highReason) {
        long required = highReason.isPresent() ? properties.powHighDifficulty() : properties.powLowDifficulty();
        return challenge(required, "shield.pow.replayed").objection().orElseThrow();
    }

    private Result challenge(long difficulty, String reason) {
        return new Result(Optional.of(new Verdict.Challenge(difficulty, pow.issue(difficulty), reason)), Optional.empty());
    }
}

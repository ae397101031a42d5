package my.benteng.shield.internal;

import my.benteng.platform.SpendLevel;
import my.benteng.shield.DenyKind;
import my.benteng.shield.Verdict;

import java.time.Duration;
import java.util.Optional;

/**
 * Rule 6: the messaging spend caps. Over the cap nothing is sent; near it (the share open to first contacts is spent)
 * only exempt destinations still get codes — numbers that verified before and those an operator allow-listed — so
 * that a pumping attack, whose numbers never verify, cannot spend the reserve returning citizens need.
 */
class SpendPolicy {

    private final Duration retryAfter;

    SpendPolicy(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    Optional<Verdict> check(SpendLevel spend, boolean exempt) {
        return switch (spend) {
            case NORMAL -> Optional.empty();
            case NEAR_CAP -> exempt ? Optional.empty()
                    : Optional.of(new Verdict.Deny("shield.spend.near_cap", retryAfter, DenyKind.UNAVAILABLE));
            case OVER_CAP -> Optional.of(new Verdict.Deny("shield.spend.over_cap", retryAfter, DenyKind.UNAVAILABLE));
        };
    }
}

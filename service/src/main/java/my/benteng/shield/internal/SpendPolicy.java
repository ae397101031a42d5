package my.benteng.shield.internal;

import my.benteng.platform.SpendLevel;
import my.benteng.shield.DenyKind;
import my.benteng.shield.Verdict;

import java.time.Duration;
import java.util.Optional;

/**
 * Rule 6: the messaging spend caps. Over the cap nothing is sent; near it, only destinations an operator
 * allow-listed still get codes, so that a pumping attack cannot spend the last of the budget.
 */
class SpendPolicy {

    private final Duration retryAfter;

    SpendPolicy(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    Optional<Verdict> check(SpendLevel spend, boolean allowListed) {
        return switch (spend) {
            case NORMAL -> Optional.empty();
            case NEAR_CAP -> allowListed ? Optional.empty()
                    : Optional.of(new Verdict.Deny("shield.spend.near_cap", retryAfter, DenyKind.UNAVAILABLE));
            case OVER_CAP -> Optional.of(new Verdict.Deny("shield.spend.over_cap", retryAfter, DenyKind.UNAVAILABLE));
        };
    }
}

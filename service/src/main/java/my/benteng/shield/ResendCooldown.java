package my.benteng.shield;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The growing wait between codes to one destination for one purpose (60 s, then 120 s, 300 s…; the last step
 * repeats). The shield decides it in the same atomic step as its other limits, so two parallel requests cannot
 * both slip past it and no request pays a database read for it; it answers only behind the proof of work.
 *
 * @param steps  wait after the 1st, 2nd, 3rd… code still remembered (the last repeats)
 * @param memory how long a code counts towards the step
 */
public record ResendCooldown(List<Duration> steps, Duration memory) {

    /** The reason of a refusal by this rule. */
    public static final String REASON = "shield.destination.resend_cooldown";

    /** No cooldown: only the shield's own limits. */
    public static final ResendCooldown NONE = new ResendCooldown(List.of(Duration.ZERO), Duration.ofMillis(1));

    public ResendCooldown {
        steps = List.copyOf(steps);
        Objects.requireNonNull(memory, "memory");
        if (steps.isEmpty() || steps.stream().anyMatch(Duration::isNegative) || memory.toMillis() < 1) {
            throw new IllegalArgumentException("a cooldown needs non-negative steps and a positive memory");
        }
    }

    public boolean none() {
        return memory.toMillis() <= 1 && steps.stream().allMatch(Duration::isZero);
    }
}

package my.benteng.shield;

/**
 * The one gate in front of every one-time code. {@link #assess} decides whether a code may be sent now;
 * an {@link Verdict.Allow} means the limits have already been consumed atomically, so the caller must send
 * exactly one code. It never throws for an unreachable limit store: it answers
 * {@link Verdict.Deny} with {@link DenyKind#UNAVAILABLE} (fail closed).
 */
public interface Shield {

    /** Decides one attempt to send a code; every decision is audited and counted. */
    default Verdict assess(Attempt attempt) {
        return assess(attempt, Gate.OPEN);
    }

    /**
     * {@link #assess} with the caller's own refusal asked in between: {@code gate} runs only after the stateless
     * rules and the proof of work have passed and before any counter is touched, so the caller's cheap refusal (a
     * resend cooldown) cannot be probed without work, and the attempt is screened once, not twice. A refusal from
     * the gate is audited and counted like the shield's own, under the gate's reason.
     */
    Verdict assess(Attempt attempt, Gate gate);

    /** A caller's refusal that may only be answered behind the proof of work. */
    @FunctionalInterface
    interface Gate {

        Gate OPEN = java.util.Optional::empty;

        /** The caller's refusal, or empty to let the shield go on. */
        java.util.Optional<Verdict.Deny> check();
    }

    /**
     * The rules that need no counter — destination, registry, spend and the proof of work — without consuming
     * anything: an objection (audited like any verdict) or empty when {@link #assess} may be asked. Lets a caller
     * put its own cheap refusals (a resend cooldown) behind the proof of work, so that they cannot be probed for free.
     */
    java.util.Optional<Verdict> screen(Attempt attempt);

    /**
     * Tells the shield that a code sent to {@code destination} was verified: the destination is no longer
     * first contact (no quiet hours, no first-contact interval) and the prefix's conversion rate improves.
     */
    void recordVerified(Destination destination);
}

package my.benteng.shield;

import my.benteng.platform.Contact;

/**
 * The one gate in front of every one-time code. {@link #assess} decides whether a code may be sent now;
 * an {@link Verdict.Allow} means the limits have already been consumed atomically, so the caller must send
 * exactly one code. It never throws for an unreachable limit store: it answers
 * {@link Verdict.Deny} with {@link DenyKind#UNAVAILABLE} (fail closed).
 */
public interface Shield {

    /** Decides one attempt to send a code; every decision is audited and counted. */
    default Verdict assess(Attempt attempt) {
        return assess(attempt, ResendCooldown.NONE);
    }

    /**
     * {@link #assess} with the caller's resend cooldown for the attempt's destination and purpose, decided with
     * the other limits in the one atomic step (so behind the proof of work). A refusal by it carries
     * {@link ResendCooldown#REASON}.
     */
    Verdict assess(Attempt attempt, ResendCooldown cooldown);

    /**
     * The rules that need no counter — destination, registry, spend and the proof of work — without consuming
     * anything: an objection (audited like any verdict) or empty. For callers that must not spend a destination's
     * code caps (the helpdesk's anonymous tickets name a contact but send it no code); code senders use
     * {@link #assess}, which screens first itself.
     */
    java.util.Optional<Verdict> screen(Attempt attempt);

    /**
     * Tells the shield that a code sent to {@code destination} was verified: the destination is no longer
     * first contact (no quiet hours, no first-contact interval) and the prefix's conversion rate improves.
     */
    void recordVerified(Contact destination);
}

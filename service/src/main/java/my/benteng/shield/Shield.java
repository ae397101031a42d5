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
     * For a request that sends no code but must be paid for (the helpdesk's anonymous tickets): the rules that need no
     * counter, as in {@link #assess} (destination, proof of work, registry, spend), then the one atomic step with the
     * proof of work and the caller's {@code quotas} only. The solution is spent there in the same ledger as the codes'
     * (whatever the answer), so one solution buys one code or one admission, never both, on any node; the quotas are
     * taken together or not at all. No destination cap, client bucket, cooldown or velocity counter is touched: naming
     * a victim spends none of the victim's code caps. An {@link Verdict.Allow} here is never held and is left to the
     * caller to audit (it is not a code); refusals are audited and counted like any verdict.
     */
    Verdict admit(Attempt attempt, java.util.List<ClientQuota> quotas);

    /**
     * Tells the shield that a code sent to {@code destination} was verified: the destination is no longer
     * first contact (no quiet hours, no first-contact interval) and the prefix's conversion rate improves.
     */
    void recordVerified(Contact destination);
}

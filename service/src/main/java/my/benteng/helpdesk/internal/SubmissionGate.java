package my.benteng.helpdesk.internal;

import my.benteng.platform.ClientIp;
import my.benteng.platform.Contact;
import my.benteng.platform.LimitProbe;
import my.benteng.platform.LimitStore;
import my.benteng.platform.SpendLevel;
import my.benteng.shield.Attempt;
import my.benteng.shield.ClientQuota;
import my.benteng.shield.Shield;
import my.benteng.shield.Verdict;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gate in front of ticket creation. Anonymous submissions go through {@link Shield#admit}: destination policy,
 * operator registry and the ALTCHA proof of work, then one atomic step in the shield's state that spends the solution
 * (in the one ledger of spent solutions, shared with the codes: a solution buys a ticket or a code, never both) and
 * takes one event from the per-address and per-subnet windows, or nothing when anything refuses.
 * <p>Why {@code admit} and not {@code assess}: {@code assess} would count a ticket against the named contact's
 * code caps, so a prankster naming a victim would lock the victim out of sign-in codes. A ticket sends nothing to an
 * unverified contact, so the contact needs no budget of its own here; the submitter's address does.
 * <p>The caps that involve no proof of work (a signed-in citizen's tickets, an agent's replies) are windows in the
 * platform's {@link LimitStore}.
 */
@Component
public class SubmissionGate {

    static final String PURPOSE = "HELPDESK_TICKET";

    private final Shield shield;
    private final LimitStore limits;
    private final HelpdeskProperties properties;

    SubmissionGate(Shield shield, LimitStore limits, HelpdeskProperties properties) {
        this.shield = shield;
        this.limits = limits;
        this.properties = properties;
    }

    /** Pass, a shield objection (challenge / undeliverable / unavailable / a quota's wait), or a rate limit with its wait. */
    public sealed interface Outcome {
        record Pass() implements Outcome {
        }

        record Objection(Verdict verdict) implements Outcome {
        }

        record Limited(Duration retryAfter) implements Outcome {
        }
    }

    public Outcome anonymous(Contact contact, Optional<String> pow, ClientIp ip) {
        // the reasons also name the quotas' stored windows (migration V35 carried the earlier ones over under these)
        Verdict verdict = shield.admit(attempt(contact, pow, ip), List.of(
                ClientQuota.perAddress("helpdesk.ticket.per_ip", properties.maxPerIpPerHour(), Duration.ofHours(1)),
                ClientQuota.perSubnet("helpdesk.ticket.per_subnet", properties.maxPerSubnetPerHour(), Duration.ofHours(1))));
        return verdict instanceof Verdict.Allow ? new Outcome.Pass() : new Outcome.Objection(verdict);
    }

    /** Signed-in citizens: no proof of work (the session is the cost), a daily cap per account. */
    public Outcome citizen(String citizenId) {
        LimitProbe probe = limits.tryAcquire("helpdesk:citizen:" + citizenId, properties.maxPerCitizenPerDay(), Duration.ofDays(1));
        return probe.admitted() ? new Outcome.Pass() : new Outcome.Limited(probe.retryAfter());
    }

    /** Agents' replies: a per-agent window, so a stolen agent session cannot turn into a mailer. */
    public Outcome agentReply(String agentId) {
        LimitProbe probe = limits.tryAcquire("helpdesk:reply:" + agentId, properties.maxRepliesPerAgentPerHour(), Duration.ofHours(1));
        return probe.admitted() ? new Outcome.Pass() : new Outcome.Limited(probe.retryAfter());
    }

    private static Attempt attempt(Contact contact, Optional<String> pow, ClientIp ip) {
        return new Attempt(contact, PURPOSE, ip, Optional.empty(), pow, SpendLevel.NORMAL);
    }
}

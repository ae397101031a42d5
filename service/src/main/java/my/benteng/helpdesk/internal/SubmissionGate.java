package my.benteng.helpdesk.internal;

import my.benteng.platform.ClientIp;
import my.benteng.platform.Contact;
import my.benteng.platform.LimitProbe;
import my.benteng.platform.LimitStore;
import my.benteng.platform.SpendLevel;
import my.benteng.shield.Attempt;
import my.benteng.shield.Shield;
import my.benteng.shield.ShieldProperties;
import my.benteng.shield.Verdict;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The gate in front of ticket creation. Anonymous submissions pass {@link Shield#screen} (destination policy,
 * operator registry and the ALTCHA proof of work — nothing consumed there), then spend the solution once and take
 * one event from the per-address and per-subnet windows, each an atomic step in the shared limit store.
 * <p>Why {@code screen} and not {@code assess}: {@code assess} would count a ticket against the named contact's
 * code caps, so a prankster naming a victim would lock the victim out of sign-in codes. A ticket sends nothing to an
 * unverified contact, so the contact needs no budget of its own here; the submitter's address does.
 */
@Component
public class SubmissionGate {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    static final String PURPOSE = "HELPDESK_TICKET";

    private final Shield shield;
    private final LimitStore limits;
    private final HelpdeskProperties properties;
    /** A spent solution is remembered at least as long as its challenge could still verify. */
    private final Duration spentFor;

    SubmissionGate(Shield shield, LimitStore limits, HelpdeskProperties properties, ShieldProperties shieldProperties) {
        this.shield = shield;
        this.limits = limits;
        this.properties = properties;
        Duration ttl = shieldProperties.powChallengeTtl().plusMinutes(1);
        this.spentFor = ttl.compareTo(Duration.ofHours(1)) > 0 ? ttl : Duration.ofHours(1);
    }

    /** Pass, a shield objection (challenge / undeliverable / unavailable), or a rate limit with its wait. */
    public sealed interface Outcome {
        record Pass() implements Outcome {
        }

        record Objection(Verdict verdict) implements Outcome {
        }

        record Limited(Duration retryAfter) implements Outcome {
        }
    }

    public Outcome anonymous(Contact contact, Optional<String> pow, ClientIp ip) {
        Attempt attempt = attempt(contact, pow, ip);
        Optional<Verdict> objection = shield.screen(attempt);
        if (objection.isPresent()) {
            return new Outcome.Objection(objection.get());
        }
        if (pow.isPresent()) {
            // one solution, one ticket: the shield's screen verifies a solution but does not spend it
            // keyed by the challenge the solution answers, not by its bytes: whitespace, another base64 padding or
            // re-ordered JSON would otherwise make one solution count as many
            LimitProbe spent = limits.tryAcquire("helpdesk:pow:" + sha256(challengeOf(pow.get())), 1, spentFor);
            if (!spent.admitted()) {
                Optional<Verdict> fresh = shield.screen(attempt(contact, Optional.empty(), ip));
                if (fresh.isPresent()) {
                    return new Outcome.Objection(fresh.get());
                }
            }
        }
        LimitProbe perIp = limits.tryAcquire("helpdesk:ip:" + ip.text(), properties.maxPerIpPerHour(), Duration.ofHours(1));
        if (!perIp.admitted()) {
            return new Outcome.Limited(perIp.retryAfter());
        }
        LimitProbe perSubnet = limits.tryAcquire("helpdesk:net:" + ip.subnet(), properties.maxPerSubnetPerHour(), Duration.ofHours(1));
        if (!perSubnet.admitted()) {
            return new Outcome.Limited(perSubnet.retryAfter());
        }
        return new Outcome.Pass();
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

    /** The challenge a (screened, hence well-formed) ALTCHA payload answers; the raw text when it cannot be read. */
    static String challengeOf(String payload) {
        try {
            byte[] json = java.util.Base64.getDecoder().decode(payload.strip());
            tools.jackson.databind.JsonNode node = JSON.readTree(json);
            tools.jackson.databind.JsonNode challenge = node.get("challenge");
            return challenge != null && challenge.isString() ? "c:" + challenge.asString() : "p:" + payload.strip();
        } catch (RuntimeException e) {
            return "p:" + payload.strip();
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package my.benteng.detection.internal;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditOutcome;
import my.benteng.audit.AuditVerification;
import my.benteng.detection.internal.sigma.Event;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one place where Benteng's audit vocabulary meets the ECS-style field names rules are written in, so that rules
 * read like the community's. Every field comes from an audit entry, whose fields are masked by the audit contract.
 *
 * <table>
 *   <caption>Audit entry to event fields</caption>
 *   <tr><th>Audit</th><th>Field</th></tr>
 *   <tr><td>name ({@code authn_login_fail})</td><td>{@code event.action}; {@code event.category}, {@code event.type} and
 *       {@code event.module} derived from it</td></tr>
 *   <tr><td>outcome</td><td>{@code event.outcome} ({@code success}/{@code failure}); DENIED also sets
 *       {@code event.type: denied}</td></tr>
 *   <tr><td>reason ({@code account.staff.bad_password})</td><td>{@code event.reason}</td></tr>
 *   <tr><td>seq</td><td>{@code event.sequence}</td></tr>
 *   <tr><td>ATT&CK ids</td><td>{@code threat.technique.id} (comma-separated)</td></tr>
 *   <tr><td>actor ({@code staff:…}, {@code citizen:…}, {@code relying-party:…})</td><td>{@code user.id};
 *       {@code benteng.actor.kind}; {@code benteng.relying_party.id} / {@code benteng.relying_party.key_id}</td></tr>
 *   <tr><td>client IP</td><td>{@code source.ip}</td></tr>
 *   <tr><td>subject (masked: {@code +6012*****89}, {@code staff:…}, {@code ekyc-image:…})</td><td>
 *       {@code benteng.subject.value}, {@code benteng.subject.kind} ({@code phone}, {@code email}, or the word before
 *       the colon), {@code benteng.subject.range} (a phone's visible head, {@code +6012})</td></tr>
 *   <tr><td>detail {@code detection.subject} (a keyed hash of who the entry is about: the shield's refusals carry the
 *       destination's, so different numbers with one mask stay apart)</td><td>{@code user.hash}</td></tr>
 *   <tr><td>details</td><td>{@code labels.<key>}</td></tr>
 * </table>
 * A verification of the audit chain becomes {@code event.action: audit_chain_verified} with the outcome, the problem
 * code as {@code event.reason} and {@code labels.first_broken_seq}.
 */
public final class AuditEventMapper {

    /** The fields this mapper can produce, besides any {@code labels.*}: rules may test only these. */
    static final Set<String> FIELDS = Set.of("event.action", "event.category", "event.type", "event.module", "event.outcome",
            "event.reason", "event.sequence", "threat.technique.id", "user.id", "source.ip", "benteng.actor.kind",
            "benteng.relying_party.id", "benteng.relying_party.key_id", "benteng.subject.value", "benteng.subject.kind",
            "benteng.subject.range", "user.hash");

    /** The audit detail holding a keyed hash of the entry's subject, mapped to {@code user.hash}. */
    static final String SUBJECT_HASH_DETAIL = "detection.subject";

    public static final Predicate<String> KNOWN_FIELD = f -> FIELDS.contains(f) || (f.startsWith("labels.") && f.length() > 7);


    private AuditEventMapper() {
    }

    /**
     * The entry's fields, computed when a rule asks for one: most entries are looked at by a rule or two, each
     * testing {@code event.action} first, so building every field up front would be most of the detector's cost.
     */
    public static Event map(long seq, Instant recordedAt, AuditEvent e) {
        return Event.over(seq, recordedAt, new Fields(seq, e));
    }

    /** One field of an entry, or null (absent or empty). */
    static String field(long seq, AuditEvent e, String name) {
        String v = switch (name) {
            case "event.action" -> e.name();
            case "event.category" -> category(e.name());
            case "event.type" -> e.outcome() == AuditOutcome.DENIED ? "denied" : type(e.name());
            case "event.outcome" -> e.outcome() == AuditOutcome.SUCCESS ? "success" : "failure";
            case "event.sequence" -> Long.toString(seq);
            case "event.reason" -> e.reason();
            case "event.module" -> module(e.name(), e.reason());
            case "threat.technique.id" -> e.attackIds().isEmpty() ? null : String.join(",", e.attackIds());
            case "source.ip" -> e.clientIp();
            case "user.id" -> e.actor();
            case "user.hash" -> e.details().get(SUBJECT_HASH_DETAIL);
            case "benteng.actor.kind" -> e.actor().equals("system") ? "system" : kind(e.actor());
            case "benteng.relying_party.id" -> e.actor().startsWith("relying-party:") ? e.actor().substring("relying-party:".length())
                    : e.actor().startsWith("relying-party-key:") ? null : e.details().get("relyingParty");
            case "benteng.relying_party.key_id" -> e.actor().startsWith("relying-party-key:")
                    ? e.actor().substring("relying-party-key:".length()) : null;
            case "benteng.subject.value" -> e.subject();
            case "benteng.subject.kind" -> e.subject() == null || e.subject().isEmpty() ? null : kind(bare(e.subject()));
            case "benteng.subject.range" -> e.subject() == null ? null : phoneHead(bare(e.subject()));
            default -> name.startsWith("labels.") ? e.details().get(name.substring(7)) : null;
        };
        return v == null || v.isEmpty() ? null : v;
    }

    /** Contact.toString() form (SMS:+6012*****89): the channel is not part of who it is. */
    private static String bare(String subject) {
        return subject.startsWith("SMS:") ? subject.substring(4) : subject.startsWith("EMAIL:") ? subject.substring(6) : subject;
    }

    /** An entry's fields as a read-only map whose values are computed on lookup; iterating it computes them all once. */
    private static final class Fields extends AbstractMap<String, String> {
        private final long seq;
        private final AuditEvent event;
        private Map<String, String> all;

        Fields(long seq, AuditEvent event) {
            this.seq = seq;
            this.event = event;
        }

        @Override
        public String get(Object key) {
            return key instanceof String name ? field(seq, event, name) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            if (all == null) {
                Map<String, String> m = new HashMap<>();
                for (String name : FIELDS) {
                    AuditEventMapper.put(m, name, field(seq, event, name));
                }
                event.details().forEach((k, v) -> AuditEventMapper.put(m, "labels." + k, v));
                all = Collections.unmodifiableMap(m);
            }
            return all.entrySet();
        }
    }

    /** A verification result: not an entry of the chain it checked, so it has no sequence number. */
    public static Event map(AuditVerification v, Instant at) {
        Map<String, String> f = new HashMap<>();
        f.put("event.action", "audit_chain_verified");
        f.put("event.category", "database");
        f.put("event.type", "info");
        f.put("event.module", "audit");
        f.put("event.outcome", v.intact() ? "success" : "failure");
        f.put("user.id", "system");
        f.put("benteng.actor.kind", "system");
        f.put("labels.entries_checked", Long.toString(v.entriesChecked()));
        put(f, "event.reason", v.problem());
        if (v.firstBrokenSeq() != null) {
            f.put("labels.first_broken_seq", Long.toString(v.firstBrokenSeq()));
        }
        return new Event(0, at, f);
    }

    private static void put(Map<String, String> f, String key, String value) {
        if (value != null && !value.isEmpty()) {
            f.put(key, value);
        }
    }

    /**
     * {@code phone} for a (masked) number, the lower-case word before the colon of {@code word:rest}, {@code email} for
     * an address, {@code other} for anything else. By hand rather than a regular expression: this runs for every entry.
     */
    static String kind(String value) {
        if (value.startsWith("+")) {
            return "phone";
        }
        int colon = value.indexOf(':');
        if (colon > 0 && colon <= 32 && colon < value.length() - 1 && isLower(value.charAt(0))) {
            boolean word = true;
            for (int i = 1; i < colon && word; i++) {
                char c = value.charAt(i);
                word = isLower(c) || c == '-';
            }
            if (word) {
                return value.substring(0, colon);
            }
        }
        return value.indexOf('@') >= 0 ? "email" : "other";
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** The visible head of a masked number ({@code +6012} of {@code +6012*****89}), or null. */
    static String phoneHead(String value) {
        if (value.length() < 3 || value.charAt(0) != '+') {
            return null;
        }
        int i = 1;
        while (i < value.length() && i <= 5 && Character.isDigit(value.charAt(i)) && value.charAt(i) < 128) {
            i++;
        }
        return i > 1 && i < value.length() && value.charAt(i) == '*' ? value.substring(0, i) : null;
    }

    /** ECS event.category, by the OWASP vocabulary's prefixes and Benteng's own event families. */
    private static String category(String name) {
        if (name.startsWith("authn_") || name.startsWith("session_")) {
            return name.startsWith("session_") ? "session" : "authentication";
        }
        if (name.startsWith("authz_") || name.startsWith("user_") || name.startsWith("break_glass_")) {
            return "iam";
        }
        if (name.startsWith("sensitive_") || name.startsWith("consent_") || name.startsWith("ekyc_")) {
            return "database";
        }
        if (name.startsWith("excess_") || name.startsWith("shield_") || name.startsWith("input_validation_")) {
            return "intrusion_detection";
        }
        if (name.startsWith("messaging_") || name.startsWith("otp_") || name.startsWith("contacts_")) {
            return "email"; // ECS has no category for SMS; messages of both channels go here
        }
        return name.startsWith("helpdesk_") ? "web" : "configuration";
    }

    private static String type(String name) {
        if (name.endsWith("_created") || name.endsWith("_create") || name.endsWith("_added") || name.endsWith("_recorded")) {
            return "creation";
        }
        if (name.endsWith("_delete") || name.endsWith("_removed") || name.endsWith("_revoked") || name.endsWith("_archived")) {
            return "deletion";
        }
        if (name.endsWith("_update") || name.endsWith("_status") || name.endsWith("_assigned")) {
            return "change";
        }
        return name.endsWith("_read") ? "access" : "info";
    }

    /** The module that wrote it: the first word of its reason code, else the family of its name. */
    private static String module(String name, String reason) {
        if (reason != null) {
            int dot = reason.indexOf('.');
            if (dot > 0) {
                return reason.substring(0, dot).toLowerCase(Locale.ROOT);
            }
        }
        int underscore = name.indexOf('_');
        String family = underscore > 0 ? name.substring(0, underscore) : name;
        return switch (family) {
            case "shield", "messaging", "helpdesk", "otp", "ekyc", "audit" -> family;
            case "authn", "authz", "user", "session" -> "account";
            default -> null;
        };
    }
}

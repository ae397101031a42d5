package my.benteng.detection.internal.alert;

import my.benteng.detection.Level;
import my.benteng.platform.InvalidValueException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule matched: what the rule engine hands to the {@link AlertBook}. Validated and normalised on construction, so the
 * book never re-checks; a refusal names the field and rule, never the value.
 *
 * @param ruleId         the rule's id (a Sigma UUID or a slug)
 * @param title          the rule's title, from a rule file shipped with the service
 * @param level          the rule's level
 * @param attack         ATT&amp;CK technique ids ({@code T1621}, {@code T1110.001}); Sigma tags ({@code attack.t1621}) are
 *                       accepted and normalised, tactic tags ({@code attack.credential_access}) are dropped
 * @param groupBy        the correlation's group-by fields (ECS names) and their values, ALREADY MASKED by the caller
 *                       ({@code PhoneNumber.toString()}, a /24, a keyed hash), sorted by field here; empty for a single-event rule
 * @param auditSequences sequence numbers of the audit entries that made the match (its evidence)
 * @param at             when the match happened (the newest contributing event)
 * @param summary        an optional short text from the rule file (never from an event), or null
 */
public record Firing(String ruleId, String title, Level level, List<String> attack, Map<String, String> groupBy,
                     List<Long> auditSequences, Instant at, String summary) {

    static final int MAX_RULE_ID = 128;
    static final int MAX_TITLE = 200;
    static final int MAX_TAGS = 16;
    static final int MAX_GROUP_BY = 8;
    static final int MAX_VALUE = 128;
    static final int MAX_SEQUENCES = 10_000;
    static final int MAX_SUMMARY = 300;

    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_RULE_ID - 1) + "}");
    private static final Pattern TECHNIQUE = Pattern.compile("(?:attack\\.)?[tT](\\d{4})(?:\\.(\\d{3}))?");
    private static final Pattern TACTIC = Pattern.compile("attack\\.[a-z][a-z_-]{1,40}|attack\\.[gs]\\d{4}");
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_.]{0,63}");

    /** @throws InvalidValueException naming the field and the rule it broke (never the value) */
    public Firing {
        if (ruleId == null || !RULE_ID.matcher(ruleId).matches()) {
            throw new InvalidValueException("ruleId", "must be 1 to " + MAX_RULE_ID + " letters, digits or . _ : -");
        }
        title = title == null ? "" : title.strip();
        if (title.isEmpty() || title.length() > MAX_TITLE || AlertText.hasUnsafeCharacter(title)) {
            throw new InvalidValueException("title", "must be 1 to " + MAX_TITLE + " printable characters");
        }
        Objects.requireNonNull(level, "level");
        attack = techniques(attack == null ? List.of() : attack);
        groupBy = groupBy(groupBy == null ? Map.of() : groupBy);
        if (auditSequences == null || auditSequences.size() > MAX_SEQUENCES
                || auditSequences.stream().anyMatch(s -> s == null || s <= 0)) {
            throw new InvalidValueException("auditSequences", "must be at most " + MAX_SEQUENCES + " positive sequence numbers");
        }
        auditSequences = List.copyOf(auditSequences);
        Objects.requireNonNull(at, "at");
        if (summary != null) {
            summary = summary.strip();
            if (summary.length() > MAX_SUMMARY || AlertText.hasUnsafeCharacter(summary)) {
                throw new InvalidValueException("summary", "must be at most " + MAX_SUMMARY + " printable characters");
            }
            summary = summary.isEmpty() ? null : summary;
        }
    }

    private static List<String> techniques(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new InvalidValueException("attack", "must be at most " + MAX_TAGS + " tags");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            Matcher m = TECHNIQUE.matcher(t);
            if (m.matches()) {
                ids.add("T" + m.group(1) + (m.group(2) == null ? "" : "." + m.group(2)));
            } else if (!TACTIC.matcher(t).matches()) {
                throw new InvalidValueException("attack", "must be ATT&CK technique ids or Sigma attack tags");
            }
        }
        return List.copyOf(ids);
    }

    private static SortedMap<String, String> groupBy(Map<String, String> values) {
        if (values.size() > MAX_GROUP_BY) {
            throw new InvalidValueException("groupBy", "must have at most " + MAX_GROUP_BY + " fields");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (var e : values.entrySet()) {
            if (e.getKey() == null || !FIELD.matcher(e.getKey()).matches()) {
                throw new InvalidValueException("groupBy", "field names must be lower-case ECS names");
            }
            // values are masked upstream; here they are only bounded (escaping happens where text is made)
            if (e.getValue() == null || e.getValue().length() > MAX_VALUE) {
                throw new InvalidValueException("groupBy", "values must be at most " + MAX_VALUE + " characters");
            }
            sorted.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableSortedMap(sorted);
    }

    /** The sequence numbers worth keeping as links: the first and the last {@code each}, ascending, without repeats. */
    List<Long> boundedEvidence(int each) {
        List<Long> sorted = new ArrayList<>(new java.util.TreeSet<>(auditSequences));
        if (sorted.size() <= 2 * each) {
            return sorted;
        }
        List<Long> kept = new ArrayList<>(sorted.subList(0, each));
        kept.addAll(sorted.subList(sorted.size() - each, sorted.size()));
        return kept;
    }

    /** The group-by values, sorted by field (the order the fingerprint and the summary use). */
    SortedMap<String, String> sortedGroupBy() {
        return (SortedMap<String, String>) groupBy;
    }

    @Override
    public String toString() {
        return "Firing[rule=" + ruleId + ", level=" + level + ", fields=" + groupBy.keySet() + ", evidence=" + auditSequences.size() + "]";
    }
}

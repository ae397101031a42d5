/**
 * An in-process evaluator for the subset of <a href="https://sigmahq.io/docs/basics/rules.html">Sigma</a> that Benteng's
 * rules use, compiled once at start-up. No maintained Java Sigma evaluator exists; this one refuses, at load and with
 * the file and line, anything it does not implement, so a rule never silently means something else.
 *
 * <h2>Rules</h2>
 * One rule per YAML document (a file may hold several, separated by {@code ---}). Attributes: {@code title}, {@code id}
 * (a UUID), {@code level} (informational, low, medium, high, critical) are required; {@code name} (a readable slug other
 * rules may refer to), {@code status} (stable, test, experimental; {@code deprecated} and {@code unsupported} rules are
 * checked but never run), {@code description}, {@code tags} ({@code attack.t1621}: the ATT&CK ids alerts carry),
 * {@code falsepositives}, {@code references}, {@code author}, {@code date}, {@code modified}, {@code license},
 * {@code related}, {@code fields}, {@code taxonomy}, {@code scope} are optional. Any other attribute is refused (it is
 * most likely a typo). {@code logsource.product} must be {@code benteng}.
 *
 * <h2>Detection</h2>
 * <ul>
 *   <li>Named selections: a mapping is the AND of its fields; a list of mappings is the OR of them; a list of values
 *       for one field is the OR of the values ({@code |all}: the AND).</li>
 *   <li>Fields are the ECS-style names the audit mapper produces ({@code event.action}, {@code event.outcome},
 *       {@code event.reason}, {@code source.ip}, {@code user.id}, {@code labels.*}, ...); an unknown field is refused.</li>
 *   <li>Values: text (compared without regard to case, as in Sigma), numbers, {@code true}/{@code false}, and
 *       {@code null} (the field is absent or empty).</li>
 *   <li>Modifiers: {@code contains}, {@code startswith}, {@code endswith}, {@code gt}, {@code gte}, {@code lt},
 *       {@code lte} (numbers), {@code cidr} (IPv4 and IPv6 networks), {@code all}. One value modifier per field,
 *       plus {@code all}.</li>
 *   <li>Condition: selection names, {@code and}, {@code or}, {@code not}, parentheses, {@code 1 of} / {@code all of}
 *       a pattern ({@code sel*}) or {@code them} (which, as in Sigma, leaves out names starting with {@code _}); a list
 *       of conditions is their OR.</li>
 * </ul>
 *
 * <h2>Correlation</h2>
 * {@code correlation:} with {@code type} {@code event_count}, {@code value_count} or {@code temporal}; {@code rules}
 * (ids or names, detection or correlation rules: correlations chain); {@code group-by} (fields; an event without one
 * of them is not counted); {@code timespan} ({@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}; at most 7 days);
 * {@code condition} {@code gte: N} or {@code gt: N} ({@code value_count} also names the {@code field}; a temporal
 * correlation takes none: all its rules must match within the timespan, in any order); {@code generate}. Counting is
 * in ten buckets per timespan (a count covers between 90 and 100 % of it). When a correlation fires, its key starts
 * again from zero: a flood raises one match per threshold's worth of events. State is bounded: a hard cap on group-by
 * keys (least recently used evicted, counted in {@code benteng_detection_correlation_evictions_total}), value_count
 * thresholds of at most 100.
 *
 * <h2>Refused</h2>
 * Wildcards ({@code *}, {@code ?}) in values (escape them as {@code \*}, {@code \?}), the {@code re}, {@code base64},
 * {@code base64offset}, {@code windash}, {@code wide}, {@code exists}, {@code fieldref}, {@code expand} and every
 * other modifier; keyword selections (values without a field); {@code timeframe}; aggregations in the condition
 * ({@code | count()}); {@code near}; {@code N of} other than 1; {@code temporal_ordered}; {@code aliases};
 * {@code lt}/{@code lte}/{@code eq}/{@code neq} thresholds. A sanity check refuses a rule that would match every event:
 * one that matches an event with no fields at all ({@code not sel}, a lone {@code null}), one that matches arbitrary
 * values in all the fields it tests, an empty selection, and an empty {@code contains}/{@code startswith}/
 * {@code endswith} value.
 */
package my.benteng.detection.internal.sigma;

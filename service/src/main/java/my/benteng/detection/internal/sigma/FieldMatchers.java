package my.benteng.detection.internal.sigma;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Compiles one {@code field|modifier|...: value(s)} entry of a selection into a test over an {@link Event}. Sigma's
 * semantics: strings compare without regard to case; a list of values matches when any value does ({@code |all}: every
 * value); {@code null} matches a field that is absent or empty. Everything outside the subset is refused with the line.
 */
final class FieldMatchers {

    static final List<String> MODIFIERS = List.of("contains", "startswith", "endswith", "gt", "gte", "lt", "lte", "cidr", "all");
    /** ECS-style: dotted segments of letters, digits and underscores ({@code labels.consecutive_failures}). */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}(\\.\\d{1,18})?");

    private FieldMatchers() {
    }

    /**
     * @param key        the mapping key, e.g. {@code event.reason|startswith}
     * @param knownField the event vocabulary: a field no event can carry is a typo that would never match
     * @param fieldsUsed receives the field name (for the sanity check)
     */
    static Predicate<Event> compile(YamlSource source, Node keyNode, String key, Node valueNode, Predicate<String> knownField,
                                    Set<String> fieldsUsed) {
        String[] parts = key.split("\\|", -1);
        String field = parts[0];
        if (!FIELD.matcher(field).matches()) {
            throw source.fail(keyNode, "'" + YamlSource.printable(field) + "' is not a field name (dotted ECS-style words)");
        }
        if (!knownField.test(field)) {
            throw source.fail(keyNode, "unknown field '" + field + "': no Benteng event carries it");
        }
        String transform = null;
        boolean all = false;
        for (int i = 1; i < parts.length; i++) {
            String modifier = parts[i];
            if (!MODIFIERS.contains(modifier)) {
                throw source.fail(keyNode, "modifier '" + YamlSource.printable(modifier) + "' is outside the supported Sigma subset "
                        + MODIFIERS);
            }
            if (modifier.equals("all")) {
                if (all) {
                    throw source.fail(keyNode, "modifier 'all' is given twice");
                }
                all = true;
            } else if (transform != null) {
                throw source.fail(keyNode, "modifiers '" + transform + "' and '" + modifier + "' cannot be combined");
            } else {
                transform = modifier;
            }
        }
        fieldsUsed.add(field);
        List<Node> values;
        if (valueNode instanceof SequenceNode s) {
            values = s.getValue();
            if (values.isEmpty()) {
                throw source.fail(valueNode, "'" + field + "' has an empty list of values");
            }
        } else {
            values = List.of(valueNode);
        }
        List<Predicate<String>> tests = new ArrayList<>(values.size());
        for (Node value : values) {
            tests.add(valueTest(source, value, field, transform));
        }
        Predicate<String> combined;
        if (tests.size() == 1) {
            combined = tests.getFirst();
        } else if (all) {
            combined = v -> {
                for (Predicate<String> t : tests) {
                    if (!t.test(v)) {
                        return false;
                    }
                }
                return true;
            };
        } else {
            combined = v -> {
                for (Predicate<String> t : tests) {
                    if (t.test(v)) {
                        return true;
                    }
                }
                return false;
            };
        }
        return event -> combined.test(event.field(field));
    }

    private static Predicate<String> valueTest(YamlSource source, Node node, String field, String transform) {
        if (!(node instanceof ScalarNode scalar)) {
            throw source.fail(node, "a value of '" + field + "' must be a plain value (text, number, true/false or null), not a "
                    + (node instanceof SequenceNode ? "nested list" : "mapping"));
        }
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (tag.equals(Tag.NULL)) {
            if (transform != null) {
                throw source.fail(node, "null cannot be combined with '" + transform + "'");
            }
            return v -> v == null || v.isEmpty();
        }
        boolean number = tag.equals(Tag.INT) || tag.equals(Tag.FLOAT);
        if (!number && !tag.equals(Tag.STR) && !tag.equals(Tag.BOOL)) {
            throw source.fail(node, "unknown field type " + tag.getValue() + " for '" + field + "' (quote it to compare as text)");
        }
        if (transform == null) {
            String expected = number ? canonicalNumber(source, node, text) : tag.equals(Tag.BOOL) ? text.toLowerCase(java.util.Locale.ROOT)
                    : literal(source, node, text);
            return v -> v != null && v.equalsIgnoreCase(expected);
        }
        return switch (transform) {
            case "contains", "startswith", "endswith" -> {
                String needle = literal(source, node, text);
                if (needle.isEmpty()) {
                    throw source.fail(node, "an empty '" + transform + "' value matches every value of '" + field + "'");
                }
                yield switch (transform) {
                    case "contains" -> v -> v != null && containsIgnoreCase(v, needle);
                    case "startswith" -> v -> v != null && v.regionMatches(true, 0, needle, 0, needle.length());
                    default -> v -> v != null && v.length() >= needle.length()
                            && v.regionMatches(true, v.length() - needle.length(), needle, 0, needle.length());
                };
            }
            case "gt", "gte", "lt", "lte" -> {
                if (!number && !NUMBER.matcher(text).matches()) {
                    throw source.fail(node, "'" + transform + "' needs a number");
                }
                BigDecimal bound = new BigDecimal(canonicalNumber(source, node, text));
                yield v -> {
                    BigDecimal actual = parseNumber(v);
                    if (actual == null) {
                        return false;
                    }
                    int c = actual.compareTo(bound);
                    return switch (transform) {
                        case "gt" -> c > 0;
                        case "gte" -> c >= 0;
                        case "lt" -> c < 0;
                        default -> c <= 0;
                    };
                };
            }
            case "cidr" -> {
                Network network = Network.parse(text);
                if (network == null) {
                    throw source.fail(node, "'" + YamlSource.printable(text) + "' is not an IPv4 or IPv6 network in CIDR notation");
                }
                yield network::contains;
            }
            default -> throw new IllegalStateException(transform);
        };
    }

    private static String canonicalNumber(YamlSource source, Node node, String text) {
        String t = text.replace("_", "");
        if (!NUMBER.matcher(t).matches()) {
            throw source.fail(node, "'" + YamlSource.printable(text) + "' is not a number this subset compares (decimal, at most 18 digits)");
        }
        return new BigDecimal(t).stripTrailingZeros().toPlainString();
    }

    static BigDecimal parseNumber(String v) {
        if (v == null || v.isEmpty() || v.length() > 38 || !NUMBER.matcher(v).matches()) {
            return null;
        }
        return new BigDecimal(v);
    }

    /**
     * Sigma's wildcards ({@code *}, {@code ?}) are outside the subset: an unescaped one is refused rather than compared
     * literally (which would silently never match). {@code \*}, {@code \?} and {@code \\} stand for the characters.
     */
    private static String literal(YamlSource source, Node node, String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "*?\\".indexOf(text.charAt(i + 1)) >= 0) {
                b.append(text.charAt(++i));
            } else if (c == '*' || c == '?') {
                throw source.fail(node, "wildcards (* and ?) are outside the supported subset: use |contains, |startswith or "
                        + "|endswith, or escape the character as \\" + c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean containsIgnoreCase(String value, String needle) {
        int n = needle.length();
        for (int i = 0, last = value.length() - n; i <= last; i++) {
            if (value.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** An IP network; parsing accepts address literals only, so no text can make it look a name up in DNS. */
    record Network(byte[] address, int prefix) {

        static Network parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0 || slash == text.length() - 1 || text.length() - slash > 4) {
                return null;
            }
            byte[] address = literal(text.substring(0, slash));
            String bits = text.substring(slash + 1);
            if (address == null || !bits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int prefix = Integer.parseInt(bits);
            if (prefix > address.length * 8) {
                return null;
            }
            return new Network(mask(address, prefix), prefix);
        }

        boolean contains(String value) {
            if (value == null) {
                return false;
            }
            byte[] a = literal(value);
            return a != null && a.length == address.length && java.util.Arrays.equals(mask(a, prefix), address);
        }

        /** The bytes of an IPv4 or IPv6 literal, or null for anything else (never a DNS lookup). */
        static byte[] literal(String text) {
            if (IPV4.matcher(text).matches()) {
                // parsed here: getByName would look up "999.1.1.1" in DNS as a host name
                String[] octets = text.split("\\.");
                byte[] out = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int o = Integer.parseInt(octets[i]);
                    if (o > 255) {
                        return null;
                    }
                    out[i] = (byte) o;
                }
                return out;
            }
            // with a ':' in it, getByName parses an IPv6 literal and never resolves
            if (text.indexOf(':') < 0 || !IPV6.matcher(text).matches()) {
                return null;
            }
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }

        private static byte[] mask(byte[] address, int prefix) {
            byte[] out = address.clone();
            for (int i = 0; i < out.length; i++) {
                int bits = Math.max(0, Math.min(8, prefix - i * 8));
                out[i] = (byte) (out[i] & (0xff << (8 - bits)));
            }
            return out;
        }
    }
}

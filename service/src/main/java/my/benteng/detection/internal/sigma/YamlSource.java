package my.benteng.detection.internal.sigma;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One YAML file read as a tree of nodes that remember their line, so that every refusal can name the file and line.
 * Only the composer runs: no object is ever constructed from the file's tags. Documents are bounded in size, nesting
 * and aliases, so even a hostile file costs little to refuse.
 */
final class YamlSource {

    /** The largest rule file read (characters): the shipped ones are a few hundred lines. */
    static final int MAX_CHARS = 256 * 1024;

    private final String file;

    YamlSource(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    /** The file's documents (a rule file may hold several, separated by {@code ---}); empty documents are skipped. */
    List<Node> documents(String text) {
        if (text.length() > MAX_CHARS) {
            throw new RuleLoadException(file, 0, "the file is larger than " + MAX_CHARS + " characters");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(16);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options);
        List<Node> documents = new ArrayList<>();
        try {
            for (Node node : yaml.composeAll(new StringReader(text))) {
                if (node != null && !(node instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
                    documents.add(node);
                }
            }
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new RuleLoadException(file, line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new RuleLoadException(file, 0, "not valid YAML");
        }
        return documents;
    }

    RuleLoadException fail(Node node, String problem) {
        return new RuleLoadException(file, line(node), problem);
    }

    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** A mapping with string keys, in file order; a repeated key is refused (last-one-wins would hide a mistake). */
    Map<String, Node> mapping(Node node, String what) {
        if (!(node instanceof MappingNode m)) {
            throw fail(node, what + " must be a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : m.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw fail(tuple.getKeyNode(), "keys of " + what + " must be plain words");
            }
            if (out.put(key.getValue(), tuple.getValueNode()) != null) {
                throw fail(key, "'" + printable(key.getValue()) + "' appears twice in " + what);
            }
        }
        return out;
    }

    /** Key nodes of a mapping (for their lines), keyed like {@link #mapping}. */
    Map<String, Node> keys(Node node) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    out.putIfAbsent(key.getValue(), key);
                }
            }
        }
        return out;
    }

    List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode s)) {
            throw fail(node, what + " must be a list");
        }
        return s.getValue();
    }

    /** A non-empty string scalar. */
    String text(Node node, String what) {
        if (!(node instanceof ScalarNode s) || s.getTag().equals(Tag.NULL) || s.getValue().isBlank()) {
            throw fail(node, what + " must be a non-empty text");
        }
        return s.getValue();
    }

    /** A string, or a list of strings. */
    List<String> texts(Node node, String what) {
        if (node instanceof SequenceNode s) {
            if (s.getValue().isEmpty()) {
                throw fail(node, what + " must not be an empty list");
            }
            return s.getValue().stream().map(n -> text(n, what)).toList();
        }
        return List.of(text(node, what));
    }

    /**
     * For messages: a rule author's text shown back is clipped and stripped of control characters, so a bad file cannot
     * forge log lines.
     */
    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < 60; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > 60 ? b + "..." : b.toString();
    }
}

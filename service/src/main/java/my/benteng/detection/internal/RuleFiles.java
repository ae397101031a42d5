package my.benteng.detection.internal;

import my.benteng.detection.internal.sigma.CorrelationState;
import my.benteng.detection.internal.sigma.RuleLoadException;
import my.benteng.detection.internal.sigma.RuleSet;
import my.benteng.detection.internal.sigma.SigmaParser;
import my.benteng.detection.internal.sigma.SigmaRule;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Reads the rule files shipped on the class path ({@code detection/rules/*.yml}) and links them into one rule set. */
public final class RuleFiles {

    /** Where the shipped rules are. */
    public static final String LOCATION = "classpath*:detection/rules/*.yml";

    private RuleFiles() {
    }

    /** Every rule of every file, in file-name order; the first problem stops the load with its file and line. */
    public static List<SigmaRule> read(String location) {
        SigmaParser parser = new SigmaParser(AuditEventMapper.KNOWN_FIELD);
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver().getResources(location);
        } catch (IOException e) {
            throw new IllegalStateException("detection rules cannot be listed at " + location, e);
        }
        Arrays.sort(resources, Comparator.comparing(r -> String.valueOf(r.getFilename())));
        // files are named as the location names their folder (detection/rules/x.yml), not by a jar-internal URL
        String folder = location.substring(location.indexOf(':') + 1, location.lastIndexOf('/') + 1);
        List<SigmaRule> rules = new ArrayList<>();
        for (Resource resource : resources) {
            String name = folder + resource.getFilename();
            String text;
            try (InputStream in = resource.getInputStream()) {
                byte[] bytes = in.readNBytes(512 * 1024 + 1);
                if (bytes.length > 512 * 1024) {
                    throw new RuleLoadException(name, 0, "the file is too large");
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RuleLoadException(name, 0, "the file cannot be read");
            }
            rules.addAll(parser.parse(name, text));
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException("no detection rules found at " + location);
        }
        return rules;
    }

    public static RuleSet load(String location, CorrelationState state) {
        return RuleSet.link(read(location), state);
    }
}

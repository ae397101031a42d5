package my.benteng.detection.internal.sigma;

/**
 * A rule file that Benteng will not run: malformed YAML, a construct outside the supported Sigma subset, a reference
 * to a rule that does not exist, or a rule that would match every event. Start-up stops with the file and line named.
 */
public class RuleLoadException extends RuntimeException {

    private final String file;
    private final int line;

    /**
     * @param file the rule file, as named to the loader
     * @param line 1-based line of the offending construct, 0 when the problem is the file as a whole
     */
    public RuleLoadException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}

package my.benteng.detection.internal;

import my.benteng.detection.internal.sigma.RuleLoadException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A rule file Benteng will not run stops start-up with its file, line and problem, not a stack trace. */
class RuleLoadFailureAnalyzer extends AbstractFailureAnalyzer<RuleLoadException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, RuleLoadException cause) {
        return new FailureAnalysis("A detection rule cannot be loaded: " + cause.getMessage(),
                "Fix the rule at that line: the supported Sigma subset is described in the README. "
                        + "To start without detection, set benteng.detection.rules.enabled=false.", cause);
    }
}

package my.benteng.platform.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the list of production problems plainly instead of a stack trace. */
class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, UnsafeConfigurationException cause) {
        return new FailureAnalysis("Benteng refuses to start in the prod profile:\n  - " + String.join("\n  - ", cause.problems()),
                "Set the listed properties (see the README, section Configuration), or run without the prod profile "
                        + "for the embedded development default.", cause);
    }
}

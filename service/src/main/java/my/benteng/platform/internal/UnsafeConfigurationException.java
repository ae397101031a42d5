package my.benteng.platform.internal;

import java.util.List;

/** Startup refused in production because security-relevant configuration is missing or unsafe. */
class UnsafeConfigurationException extends IllegalStateException {

    private final List<String> problems;

    UnsafeConfigurationException(List<String> problems) {
        super("Refusing to start in the prod profile:\n  - " + String.join("\n  - ", problems), null);
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

package my.benteng.platform;

import java.util.List;

/**
 * A module's statement of what must be configured before it may run in production. In the {@code prod}
 * profile the platform runs every check at startup and refuses to start, listing all problems at once,
 * when any check reports one (a missing pepper, a key left at its development default, a dev channel).
 * Problems name the setting, never its value.
 */
@FunctionalInterface
public interface ProductionCheck {

    /** Human-readable problems, e.g. {@code "benteng.otp.pepper is not set"}; empty when ready. */
    List<String> problems();
}

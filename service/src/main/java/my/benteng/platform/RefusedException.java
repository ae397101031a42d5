package my.benteng.platform;

import java.util.Objects;

/**
 * A service's refusal on its way to the web layer, which answers it with the problem detail its module's
 * {@link RefusalProblems} gives it. A client outcome, not a fault: no stack trace, and the message names only the
 * refusal's type (never its values, never input), because messages end up in logs.
 */
public final class RefusedException extends RuntimeException {

    private final transient Refusal refusal;

    public RefusedException(Refusal refusal) {
        super(nameOf(Objects.requireNonNull(refusal, "refusal")), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** {@code CheckinRefusal.Busy}, {@code ImageRefusal.TOO_LARGE}: the type (and constant), nothing it carries. */
    static String nameOf(Refusal refusal) {
        Class<?> type = refusal.getClass();
        String name = type.getEnclosingClass() == null || type.isAnonymousClass() ? type.getSimpleName()
                : type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName();
        return refusal instanceof Enum<?> constant ? constantName(constant) : "refused: " + name;
    }

    private static String constantName(Enum<?> constant) {
        return "refused: " + constant.getDeclaringClass().getSimpleName() + "." + constant.name();
    }
}

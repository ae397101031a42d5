package my.benteng.platform;

import org.springframework.core.ResolvableType;

/**
 * Words one module's refusals for clients: a bean in the module's {@code web} package, one per module. The platform
 * collects them all and answers every {@link RefusedException} with the words of the bean that claims its refusal's
 * type (two beans claiming one type stop the start-up; a refusal nobody words becomes a generic 400 and an error in
 * the log).
 *
 * @param <R> the module's sealed refusal type
 */
public interface RefusalProblems<R extends Refusal> {

    /** The refusal type this bean words, with every subtype: the type argument its class gives {@code R}. */
    @SuppressWarnings("unchecked")
    default Class<R> refusalType() {
        Class<?> type = ResolvableType.forClass(RefusalProblems.class, getClass()).getGeneric(0).resolve();
        if (type == null) {
            throw new IllegalStateException(getClass().getName() + " must name the refusal type it words");
        }
        return (Class<R>) type;
    }

    /** The words for one refusal; must not be null and must not quote input. */
    ProblemWords words(R refusal);
}

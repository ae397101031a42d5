package my.benteng.platform.internal;

import my.benteng.platform.ProblemWords;
import my.benteng.platform.Refusal;
import my.benteng.platform.RefusalProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every module's {@link RefusalProblems}, by the refusal type each claims: the one place that turns a refusal into the
 * words a client gets. Two beans claiming one type (or one type and its subtype) stop the start-up, so which words a
 * refusal gets never depends on bean order.
 */
@Component
class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    /** The platform's generic 400 (the words {@link Problems} gives a bare 400). */
    static final ProblemWords UNWORDED = ProblemWords.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
            "The request could not be understood.");

    private final List<RefusalProblems<?>> all;
    private final ClassValue<Optional<RefusalProblems<?>>> byType = new ClassValue<>() {
        @Override
        protected Optional<RefusalProblems<?>> computeValue(Class<?> type) {
            return all.stream().filter(p -> p.refusalType().isAssignableFrom(type)).findFirst();
        }
    };

    @Autowired
    Refusals(ObjectProvider<RefusalProblems<?>> problems) {
        this(problems.orderedStream().toList());
    }

    Refusals(List<RefusalProblems<?>> problems) {
        for (int i = 0; i < problems.size(); i++) {
            for (int j = i + 1; j < problems.size(); j++) {
                Class<?> a = problems.get(i).refusalType();
                Class<?> b = problems.get(j).refusalType();
                if (a.isAssignableFrom(b) || b.isAssignableFrom(a)) {
                    throw new IllegalStateException("two beans word the refusals of " + (a.isAssignableFrom(b) ? b : a).getName() + ": "
                            + problems.get(i).getClass().getName() + " and " + problems.get(j).getClass().getName());
                }
            }
        }
        this.all = List.copyOf(new ArrayList<>(problems));
    }

    /**
     * The words for a refusal. A refusal no bean claims (or whose words fail) is a defect of ours, but the client still
     * gets a clean refusal and no 500: the generic 400, with an error in the log naming the refusal's type.
     */
    ProblemWords words(Refusal refusal) {
        Optional<RefusalProblems<?>> claimant = byType.get(refusal.getClass());
        if (claimant.isEmpty()) {
            log.error("no RefusalProblems words {}; answering a generic 400", refusal.getClass().getName());
            return UNWORDED;
        }
        try {
            ProblemWords words = wordsOf(claimant.get(), refusal);
            if (words != null) {
                return words;
            }
            log.error("{} gave no words for {}; answering a generic 400", claimant.get().getClass().getName(), refusal.getClass().getName());
        } catch (RuntimeException e) {
            log.error("{} failed to word {} ({}); answering a generic 400", claimant.get().getClass().getName(), refusal.getClass().getName(),
                    e.getClass().getName());
        }
        return UNWORDED;
    }

    @SuppressWarnings("unchecked")
    private static <R extends Refusal> ProblemWords wordsOf(RefusalProblems<R> problems, Refusal refusal) {
        return problems.words((R) refusal); // the claimant's type was checked against the refusal's class above
    }
}

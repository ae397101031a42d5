package my.benteng.account.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Rewrites citizen rows whose contact hash is still in the legacy form (migration V37) to the current one, so that one
 * day lookups need only one form. Lookups match both meanwhile, so nothing waits for it: it runs once per start in the
 * background, in batches of {@value #BATCH} rows (one short transaction each), without a lock. Each update applies only
 * while its row is still legacy, so several nodes may run it at once and a second run changes nothing.
 * <p>A row whose current hash another row already holds (e-mail addresses differing only in case were two citizens in the
 * legacy form) or whose contact no longer parses stays legacy, and still matches. When a registration takes a current
 * hash while a batch runs (PostgreSQL), the batch is retried row by row so that only that row stays legacy.
 */
@Component
class CitizenContactRehash {

    static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(CitizenContactRehash.class);

    private final JdbcCitizens citizens;

    CitizenContactRehash(JdbcCitizens citizens) {
        this.citizens = citizens;
    }

    /**
     * @param rewritten rows rewritten to the current form by this run
     * @param left      legacy rows this run saw but did not rewrite: duplicates, contacts that no longer parse (and rows
     *                  another node rewrote meanwhile)
     */
    record Result(int rewritten, int left) {
    }

    /** One pass over every legacy row. */
    Result run() {
        String after = "";
        int rewritten = 0;
        int left = 0;
        List<JdbcCitizens.LegacyRow> rows;
        do {
            rows = citizens.legacyRows(after, BATCH);
            if (rows.isEmpty()) {
                break;
            }
            after = rows.getLast().id();
            List<JdbcCitizens.LegacyRow> readable = rows.stream().filter(r -> r.contact() != null).toList();
            int changed;
            try {
                changed = citizens.rehash(readable);
            } catch (DataIntegrityViolationException taken) {
                // a registration took a current hash while the batch ran, and the batch rolled back: row by row, so that
                // only that row stays legacy
                changed = 0;
                for (JdbcCitizens.LegacyRow row : readable) {
                    try {
                        changed += citizens.rehash(row);
                    } catch (DataIntegrityViolationException duplicate) {
                        // stays legacy, and still matches
                    }
                }
            }
            rewritten += changed;
            left += rows.size() - changed;
        } while (rows.size() == BATCH);
        if (rewritten > 0 || left > 0) {
            // counts only: the rows are personal data
            log.info("citizen contact hashes: {} rewritten to the current form, {} left in the legacy form", rewritten, left);
        }
        return new Result(rewritten, left);
    }

    /**
     * Starts the rewrite after start-up, unless {@code benteng.scheduled-jobs.enabled=false}: the shared test contexts
     * switch background jobs off and their tests call {@link #run()} directly.
     */
    @Component
    @ConditionalOnProperty(name = "benteng.scheduled-jobs.enabled", havingValue = "true", matchIfMissing = true)
    static class AtStart {

        private final CitizenContactRehash rehash;

        AtStart(CitizenContactRehash rehash) {
            this.rehash = rehash;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            Thread.ofVirtual().name("citizen-contact-rehash").start(() -> {
                try {
                    rehash.run();
                } catch (RuntimeException e) {
                    // lookups match the legacy form too, so this only delays the rewrite to the next start
                    log.error("rewriting citizen contact hashes failed; the next start tries again", e);
                }
            });
        }
    }
}

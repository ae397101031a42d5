package my.benteng.detection.internal.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The background side of alert delivery on this node: send due notices, write re-sends for firing alerts, purge old
 * deliveries, and once a day the resolved alerts past their retention. Scheduled jobs, so off in the test contexts ({@code benteng.scheduled-jobs.enabled=false}, decision 0015), whose
 * tests call {@link AlertDispatcher#dispatchDue()} and {@link AlertBook#resendDue(int)} themselves.
 */
final class AlertJobs {

    private static final Logger log = LoggerFactory.getLogger(AlertJobs.class);
    private static final int RESEND_BATCH = 500;

    private final AlertBook book;
    private final AlertDispatcher dispatcher;
    private final int batchSize;

    AlertJobs(AlertBook book, AlertDispatcher dispatcher, AlertProperties properties) {
        this.book = book;
        this.dispatcher = dispatcher;
        this.batchSize = properties.delivery().batchSize();
    }

    @Scheduled(fixedDelayString = "${benteng.detection.delivery.poll-interval:PT1S}", initialDelayString = "PT10S")
    void dispatch() {
        try {
            while (dispatcher.dispatchDue() >= batchSize) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            log.error("alert dispatch round failed", e);
        }
    }

    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT15S")
    void resend() {
        try {
            book.resendDue(RESEND_BATCH);
        } catch (RuntimeException e) {
            log.error("alert re-send round failed", e);
        }
    }

    @Scheduled(fixedDelayString = "PT24H", initialDelayString = "PT17M")
    void retention() {
        try {
            int purged = book.purgeResolved();
            if (purged > 0) {
                log.info("retention: purged {} resolved alerts", purged);
            }
        } catch (RuntimeException e) {
            log.warn("resolved alerts past their retention not purged ({})", e.getClass().getSimpleName());
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT9M")
    void purge() {
        try {
            while (dispatcher.purgeFinished() >= 1000) {
                // more to purge
            }
        } catch (RuntimeException e) {
            log.warn("old alert deliveries not purged ({})", e.getClass().getSimpleName());
        }
    }
}

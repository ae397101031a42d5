package my.benteng.checkin.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Period;

/**
 * Settings of the check-in module ({@code benteng.checkin.*}).
 *
 * @param retention       a check-in is deleted once it is older than this (the law allows keeping it no longer)
 * @param repeatWindow    a second scan of the same premises within this time of an open check-in returns that check-in
 * @param purgeBatchSize  rows deleted per statement by the retention job (short transactions: SQLite has one writer)
 * @param purgeInterval   how often the retention job runs
 * @param maxPageSize     largest page of {@code GET /api/v1/me/checkins}
 * @param ingest          group commit of new check-ins ({@code benteng.checkin.ingest.*})
 */
@ConfigurationProperties("benteng.checkin")
public record CheckinProperties(
        @DefaultValue("P90D") Period retention,
        @DefaultValue("PT5M") Duration repeatWindow,
        @DefaultValue("5000") int purgeBatchSize,
        @DefaultValue("PT1H") Duration purgeInterval,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue Ingest ingest) {

    public CheckinProperties {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("benteng.checkin.retention must be positive");
        }
        if (repeatWindow == null || repeatWindow.isNegative()) {
            throw new IllegalArgumentException("benteng.checkin.repeat-window must not be negative");
        }
        if (purgeBatchSize < 1 || maxPageSize < 1) {
            throw new IllegalArgumentException("benteng.checkin.purge-batch-size and max-page-size must be positive");
        }
    }

    /** The same settings with other ingest settings (tests). */
    public CheckinProperties withIngest(Ingest other) {
        return new CheckinProperties(retention, repeatWindow, purgeBatchSize, purgeInterval, maxPageSize, other);
    }

    /**
     * Group commit of new check-ins ({@code benteng.checkin.ingest.*}), see {@link CheckinWriter}.
     *
     * @param queueCapacity check-ins waiting for the writer, at most; one more is refused at once with 429 + Retry-After
     * @param batchSize     check-ins written in one transaction, at most (≤ 1,000: on PostgreSQL each one holds an
     *                      advisory lock until commit, and the shared lock table holds 64 × max_connections by default)
     * @param answerTimeout a request waits this long for its batch to commit before it answers 503; the check-in may
     *                      still commit, and a retry within the repeat window then returns it rather than a second visit
     * @param retryAfter    the {@code Retry-After} of a refusal because the queue is full or the writer is not running
     * @param writers       writer threads draining the queue; 0 (default) = 1 on SQLite (one write transaction at a time
     *                      anyway; a second writer would only sleep in SQLite's busy handler) and 4 on PostgreSQL (while one
     *                      batch waits for its WAL flush the next is already being written; the advisory locks keep the
     *                      repeat rule between them)
     */
    public record Ingest(
            @DefaultValue("20000") int queueCapacity,
            @DefaultValue("500") int batchSize,
            @DefaultValue("PT10S") Duration answerTimeout,
            @DefaultValue("PT1S") Duration retryAfter,
            @DefaultValue("0") int writers) {

        public Ingest {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("benteng.checkin.ingest.queue-capacity must be positive");
            }
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("benteng.checkin.ingest.batch-size must be 1-1000");
            }
            if (answerTimeout == null || answerTimeout.isNegative() || answerTimeout.isZero()) {
                throw new IllegalArgumentException("benteng.checkin.ingest.answer-timeout must be positive");
            }
            if (writers < 0 || writers > 16) {
                throw new IllegalArgumentException("benteng.checkin.ingest.writers must be 0-16 (0: by database)");
            }
            if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
                throw new IllegalArgumentException("benteng.checkin.ingest.retry-after must be positive");
            }
        }
    }
}

package my.benteng.checkin.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

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
@ConfigurationProperties("benteng.checkin.ingest")
public record IngestProperties(
        @DefaultValue("20000") int queueCapacity,
        @DefaultValue("500") int batchSize,
        @DefaultValue("PT10S") Duration answerTimeout,
        @DefaultValue("PT1S") Duration retryAfter,
        @DefaultValue("0") int writers) {

    public IngestProperties {
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

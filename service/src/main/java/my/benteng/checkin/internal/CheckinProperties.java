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
 */
@ConfigurationProperties("benteng.checkin")
public record CheckinProperties(
        @DefaultValue("P90D") Period retention,
        @DefaultValue("PT5M") Duration repeatWindow,
        @DefaultValue("5000") int purgeBatchSize,
        @DefaultValue("PT1H") Duration purgeInterval,
        @DefaultValue("100") int maxPageSize) {

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
}

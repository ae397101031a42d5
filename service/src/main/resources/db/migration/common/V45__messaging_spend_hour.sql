-- Spend per channel and hour (hour_start: epoch millis of the hour's first instant, UTC), for the burn-rate forecast:
-- "at this rate the daily cap is hit at 14:20". Rows older than two days are deleted as new hours begin.
CREATE TABLE messaging_spend_hour (
    channel      VARCHAR(8) NOT NULL,
    hour_start   BIGINT     NOT NULL,
    spent_micros BIGINT     NOT NULL,
    PRIMARY KEY (channel, hour_start)
);

-- 1 once the forecast alert of a day was raised (one alert per channel and day, like cap_alerted for the cap)
ALTER TABLE messaging_spend ADD COLUMN forecast_alerted INTEGER NOT NULL DEFAULT 0;

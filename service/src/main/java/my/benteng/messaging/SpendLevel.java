package my.benteng.messaging;

/**
 * How much of a channel's spend caps (daily and monthly) is used up, for callers that decide whether to
 * ask for a message at all (the shield lets only allow-listed destinations through near the cap).
 */
public enum SpendLevel {
    /** Below the near-cap share of both caps. */
    NORMAL,
    /** At or above the near-cap share of the daily or monthly cap. */
    NEAR_CAP,
    /** A cap is reached: further messages on the channel will be CAPPED, not sent. */
    OVER_CAP
}

package my.benteng.platform;

/**
 * How much of a channel's messaging spend caps (daily and monthly) is used up. The messaging module measures it;
 * callers that decide whether to ask for a message at all read it first (the shield lets only operator
 * allow-listed destinations through near the cap, and none over it).
 */
public enum SpendLevel {
    /** Below the near-cap share of both caps: no spend restriction. */
    NORMAL,
    /** At or above the near-cap share of the daily or monthly cap: only allow-listed destinations still get codes. */
    NEAR_CAP,
    /** A cap is reached: further messages on the channel would be CAPPED, not sent, so none is asked for. */
    OVER_CAP
}

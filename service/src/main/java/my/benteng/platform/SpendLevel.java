package my.benteng.platform;

/**
 * How much of a channel's messaging spend caps (daily and monthly) is used up. The messaging module measures it;
 * callers that decide whether to ask for a message at all read it first (near the cap the shield lets only numbers
 * that verified before and operator allow-listed ones through, and none over it).
 */
public enum SpendLevel {
    /** Below the near-cap share of both caps: no spend restriction. */
    NORMAL,
    /**
     * At or above the near-cap share of the daily or monthly cap (the part open to first contacts): only numbers that
     * verified before and allow-listed ones still get codes; the rest of the cap is their reserve.
     */
    NEAR_CAP,
    /** A cap is reached: further messages on the channel would be CAPPED, not sent, so none is asked for. */
    OVER_CAP
}

package my.benteng.shield;

/** Where the messaging spend meter stands for the attempt's channel; the caller reads it and passes it in. */
public enum SpendStatus {
    /** Below the warning level: no spend restriction. */
    NORMAL,
    /** Close to the cap: only operator allow-listed destinations still get codes. */
    NEAR_CAP,
    /** At or above the cap: nothing is sent. */
    OVER_CAP
}

package my.benteng.premises;

import my.benteng.platform.InvalidValueException;

/** What kind of venue a premises is. */
public enum PremisesCategory {
    RETAIL, FOOD_AND_BEVERAGE, OFFICE, HEALTHCARE, EDUCATION, WORSHIP, TRANSPORT, RECREATION, GOVERNMENT, OTHER;

    /** Exact code only: anything else is refused without echoing it. */
    public static PremisesCategory parse(String code) {
        if (code == null) {
            throw new InvalidValueException("category", "is required");
        }
        for (PremisesCategory c : values()) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        throw new InvalidValueException("category", "is not a premises category");
    }
}

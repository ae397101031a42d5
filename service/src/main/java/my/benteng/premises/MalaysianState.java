package my.benteng.premises;

import my.benteng.platform.InvalidValueException;

/** The 13 states and 3 federal territories, as the upper-case codes the API uses. */
public enum MalaysianState {
    JOHOR, KEDAH, KELANTAN, MELAKA, NEGERI_SEMBILAN, PAHANG, PERAK, PERLIS, PULAU_PINANG, SABAH, SARAWAK, SELANGOR,
    TERENGGANU, KUALA_LUMPUR, LABUAN, PUTRAJAYA;

    /** Exact code only (no case folding, no trimming): anything else is refused without echoing it. */
    public static MalaysianState parse(String code) {
        if (code == null) {
            throw new InvalidValueException("state", "is required");
        }
        for (MalaysianState s : values()) {
            if (s.name().equals(code)) {
                return s;
            }
        }
        throw new InvalidValueException("state", "is not a state or federal territory code");
    }
}

package my.benteng.premises.internal;

import my.benteng.premises.MalaysianState;
import my.benteng.premises.PremisesCategory;

/** A premises registration whose fields passed their rules. */
public record Registration(String name, String address, String postcode, MalaysianState state, PremisesCategory category) {

    /** Validates raw input field by field; the first refusal names its field, never the value. */
    public static Registration parse(String name, String address, String postcode, String state, String category) {
        return new Registration(PremisesText.name(name), PremisesText.address(address), PremisesText.postcode(postcode),
                MalaysianState.parse(state), PremisesCategory.parse(category));
    }
}

package my.benteng.premises.internal;

import my.benteng.premises.MalaysianState;
import my.benteng.premises.PremisesCategory;

/** A premises registration whose fields passed their rules. */
public record Registration(String name, String address, String postcode, MalaysianState state, PremisesCategory category) {

    /** Every field that breaks its rule, in the form's order (a page shows them all at once); empty when all pass. */
    public static java.util.List<my.benteng.platform.InvalidValueException> refusals(String name, String address, String postcode,
                                                                                    String state, String category) {
        java.util.List<my.benteng.platform.InvalidValueException> refused = new java.util.ArrayList<>();
        java.util.List<Runnable> checks = java.util.List.of(() -> PremisesText.name(name), () -> PremisesText.address(address),
                () -> PremisesText.postcode(postcode), () -> MalaysianState.parse(state), () -> PremisesCategory.parse(category));
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (my.benteng.platform.InvalidValueException e) {
                refused.add(e);
            }
        }
        return refused;
    }

    /** Validates raw input field by field; the first refusal names its field, never the value. */
    public static Registration parse(String name, String address, String postcode, String state, String category) {
        return new Registration(PremisesText.name(name), PremisesText.address(address), PremisesText.postcode(postcode),
                MalaysianState.parse(state), PremisesCategory.parse(category));
    }
}

package my.benteng.premises;

import java.util.Objects;

/** What anybody may know about a premises: its public name, state and category (for aggregates such as hotspots). */
public record PremisesSummary(PremisesId premisesId, String name, MalaysianState state, PremisesCategory category) {

    public PremisesSummary {
        Objects.requireNonNull(premisesId, "premisesId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(category, "category");
    }
}

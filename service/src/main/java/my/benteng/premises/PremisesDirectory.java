package my.benteng.premises;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Read access to premises for other modules (check-in, tracing). */
public interface PremisesDirectory {

    /**
     * The premises a scanned code stands for, when the code's tag is authentic under a key still in the key
     * ring and its version is the premises' current one. Empty for a forged, altered, revoked or unknown code;
     * the caller cannot tell which, and must give the client one generic refusal.
     */
    Optional<CheckinSite> verify(QrToken token);

    /** Names of the given premises; ids that do not exist are absent from the map. */
    Map<PremisesId, String> names(Collection<PremisesId> ids);

    /** Public facts (name, state, category) of the given premises; ids that do not exist are absent from the map. */
    Map<PremisesId, PremisesSummary> summaries(Collection<PremisesId> ids);
}

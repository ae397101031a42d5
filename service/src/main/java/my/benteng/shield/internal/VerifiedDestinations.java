package my.benteng.shield.internal;

import java.time.Instant;

/** Which destinations have completed a verification, by keyed hash. */
interface VerifiedDestinations {

    /**
     * @param legacyHash the destination's hash in the form written before V36, also looked for (see {@link HashUpgrade});
     *                   null where nothing can be stored in that form
     */
    boolean everVerified(String destinationHash, String legacyHash);

    void markVerified(String destinationHash, Instant at);
}

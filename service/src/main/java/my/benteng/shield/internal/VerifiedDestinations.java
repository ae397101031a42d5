package my.benteng.shield.internal;

import java.time.Instant;

/** Which destinations have completed a verification, by keyed hash. */
interface VerifiedDestinations {

    boolean everVerified(String destinationHash);

    void markVerified(String destinationHash, Instant at);
}

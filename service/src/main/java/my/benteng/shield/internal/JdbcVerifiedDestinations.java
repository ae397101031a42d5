package my.benteng.shield.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;

/**
 * {@link VerifiedDestinations} in table {@code shield_verified_destination}. A destination found only in its pre-V36
 * form is written again in the current form (read repair), so it is looked up in one form from then on and nothing a
 * verification earned before the upgrade is lost.
 */
class JdbcVerifiedDestinations implements VerifiedDestinations {

    private final JdbcClient jdbc;

    JdbcVerifiedDestinations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean everVerified(String destinationHash, String legacyHash) {
        if (legacyHash == null) {
            return jdbc.sql("SELECT COUNT(*) FROM shield_verified_destination WHERE destination_hash = :h")
                    .param("h", destinationHash).query(Long.class).single() > 0;
        }
        List<String> found = jdbc.sql("SELECT destination_hash FROM shield_verified_destination WHERE destination_hash IN (:h, :legacy)")
                .param("h", destinationHash).param("legacy", legacyHash).query(String.class).list();
        if (found.isEmpty() || found.contains(destinationHash)) {
            return !found.isEmpty();
        }
        // one statement, a no-op if another node repaired it meanwhile; the legacy row stays, for nodes still on the old version
        jdbc.sql("""
                        INSERT INTO shield_verified_destination (destination_hash, first_verified_at, last_verified_at)
                        SELECT :h, first_verified_at, last_verified_at FROM shield_verified_destination WHERE destination_hash = :legacy
                        ON CONFLICT (destination_hash) DO NOTHING
                        """)
                .param("h", destinationHash).param("legacy", legacyHash).update();
        return true;
    }

    @Override
    public void markVerified(String destinationHash, Instant at) {
        jdbc.sql("""
                        INSERT INTO shield_verified_destination (destination_hash, first_verified_at, last_verified_at)
                        VALUES (:h, :at, :at)
                        ON CONFLICT (destination_hash) DO UPDATE SET last_verified_at = excluded.last_verified_at
                        """)
                .param("h", destinationHash).param("at", at.toEpochMilli()).update();
    }
}

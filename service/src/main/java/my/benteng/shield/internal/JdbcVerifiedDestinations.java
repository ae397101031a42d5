package my.benteng.shield.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;

/** {@link VerifiedDestinations} in table {@code shield_verified_destination}. */
class JdbcVerifiedDestinations implements VerifiedDestinations {

    private final JdbcClient jdbc;

    JdbcVerifiedDestinations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean everVerified(String destinationHash) {
        return jdbc.sql("SELECT COUNT(*) FROM shield_verified_destination WHERE destination_hash = :h")
                .param("h", destinationHash).query(Long.class).single() > 0;
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

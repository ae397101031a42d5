package my.benteng.otp.internal;

import my.benteng.account.Purpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The only code that reads or writes the otp tables ({@code otp_code}, {@code otp_failure}, {@code otp_lock},
 * {@code otp_verification_token}). SQL only, on SQLite and PostgreSQL alike: the decisions — and the transactions that
 * make them atomic — are {@link OneTimeCodeService}'s. Codes, tokens and destinations arrive here already keyed
 * ({@link Secrets}).
 */
@Repository
class JdbcOneTimeCodes {

    private final JdbcClient jdbc;

    JdbcOneTimeCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored code as verification reads it. {@code destination} is the canonical address, '' once the code is dead. */
    record StoredCode(String id, String destinationHash, Purpose purpose, String destination, String codeMac, long expiresAt,
                      int attempts, Long usedAt, Long revokedAt) {
        @Override
        public String toString() {
            return "StoredCode[" + id + "]";
        }
    }

    /** A code to store; {@code codeMac} is the keyed hash of the code, never the code. */
    record NewCode(String id, String destinationHash, Purpose purpose, String channel, String destination, String codeMac,
                   Instant createdAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "NewCode[" + id + "]";
        }
    }

    /** Codes for the destination (stored in any of its {@code destinationHashes}) and purpose created after {@code since}. */
    long countCreatedSince(List<String> destinationHashes, Purpose purpose, Instant since) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM otp_code WHERE destination_hash IN (:d) AND purpose = :p AND created_at > :since""")
                .param("d", destinationHashes).param("p", purpose.name())
                .param("since", since.toEpochMilli()).query(Long.class).single();
    }

    /** Revokes every live (neither used nor revoked) code for the destination (in any of its hashes) and purpose. */
    void revokeLive(List<String> destinationHashes, Purpose purpose, Instant now) {
        jdbc.sql("""
                        UPDATE otp_code SET revoked_at = :now
                        WHERE destination_hash IN (:d) AND purpose = :p AND used_at IS NULL AND revoked_at IS NULL""")
                .param("now", now.toEpochMilli()).param("d", destinationHashes).param("p", purpose.name()).update();
    }

    void insert(NewCode code) {
        jdbc.sql("""
                        INSERT INTO otp_code (id, destination_hash, purpose, channel, destination, code_mac, created_at, expires_at, attempts)
                        VALUES (:id, :d, :p, :c, :dest, :mac, :now, :exp, 0)""")
                .param("id", code.id()).param("d", code.destinationHash()).param("p", code.purpose().name())
                .param("c", code.channel()).param("dest", code.destination())
                .param("mac", code.codeMac())
                .param("now", code.createdAt().toEpochMilli()).param("exp", code.expiresAt().toEpochMilli()).update();
    }

    Optional<StoredCode> find(String id) {
        return jdbc.sql("""
                        SELECT id, destination_hash, purpose, destination, code_mac, expires_at, attempts, used_at, revoked_at
                        FROM otp_code WHERE id = :id""")
                .param("id", id)
                .query((rs, n) -> new StoredCode(rs.getString(1), rs.getString(2), Purpose.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getInt(7), (Long) rs.getObject(8), (Long) rs.getObject(9)))
                .optional();
    }

    /**
     * The destination's latest {@code locked_until} (over its hashes) if it is after {@code now}; a plain read that takes
     * no write lock.
     */
    Optional<Long> lockedUntil(List<String> destinationHashes, Instant now) {
        return jdbc.sql("""
                        SELECT locked_until FROM otp_lock WHERE destination_hash IN (:d) AND locked_until > :now
                        ORDER BY locked_until DESC LIMIT 1""")
                .param("d", destinationHashes).param("now", now.toEpochMilli()).query(Long.class).optional();
    }

    /**
     * Takes the destination's {@code otp_lock} row (inserted unlocked if missing) until the transaction ends and returns
     * its {@code locked_until}: a row lock on PostgreSQL (the upsert locks the row like {@code SELECT … FOR UPDATE},
     * and also when the row is new), and on SQLite the write lock every transaction takes at BEGIN IMMEDIATE.
     */
    long holdDestination(String destinationHash) {
        return jdbc.sql("""
                        INSERT INTO otp_lock (destination_hash, locked_until) VALUES (:d, 0)
                        ON CONFLICT (destination_hash) DO UPDATE SET locked_until = otp_lock.locked_until
                        RETURNING locked_until""")
                .param("d", destinationHash).query(Long.class).single();
    }

    /**
     * Marks the code used (and forgets its destination) if it is live, unexpired and has tries left, in one statement.
     *
     * @return whether this call used it
     */
    boolean markUsed(String id, Instant now, int maxAttempts) {
        return jdbc.sql("""
                        UPDATE otp_code SET used_at = :now, destination = ''
                        WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now AND attempts < :max""")
                .param("now", now.toEpochMilli()).param("id", id).param("max", maxAttempts).update() == 1;
    }

    /**
     * Counts a wrong try against the code if it is live, unexpired and has tries left, in one statement.
     *
     * @return the attempts counted so far, or empty when the code took no more tries
     */
    Optional<Integer> countAttempt(String id, Instant now, int maxAttempts) {
        return jdbc.sql("""
                        UPDATE otp_code SET attempts = attempts + 1
                        WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now AND attempts < :max
                        RETURNING attempts""")
                .param("id", id).param("now", now.toEpochMilli()).param("max", maxAttempts)
                .query(Integer.class).optional();
    }

    void insertFailure(String destinationHash, Instant now) {
        jdbc.sql("INSERT INTO otp_failure (destination_hash, failed_at) VALUES (:d, :now)")
                .param("d", destinationHash).param("now", now.toEpochMilli()).update();
    }

    long countFailuresSince(List<String> destinationHashes, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM otp_failure WHERE destination_hash IN (:d) AND failed_at > :since")
                .param("d", destinationHashes).param("since", since.toEpochMilli()).query(Long.class).single();
    }

    /** Sets the lock of a destination whose row {@link #holdDestination} holds. */
    void lockUntil(String destinationHash, Instant until) {
        jdbc.sql("UPDATE otp_lock SET locked_until = :u WHERE destination_hash = :d")
                .param("d", destinationHash).param("u", until.toEpochMilli()).update();
    }

    void insertToken(String tokenHash, Purpose purpose, String destination, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO otp_verification_token (token_hash, purpose, destination, created_at, expires_at)
                        VALUES (:h, :p, :dest, :now, :exp)""")
                .param("h", tokenHash).param("p", purpose.name()).param("dest", destination)
                .param("now", createdAt.toEpochMilli()).param("exp", expiresAt.toEpochMilli()).update();
    }

    /** The canonical destination of an unused, unexpired token for the purpose. */
    Optional<String> liveTokenDestination(String tokenHash, Purpose purpose, long nowMillis) {
        return jdbc.sql("""
                        SELECT destination FROM otp_verification_token
                        WHERE token_hash = :h AND purpose = :p AND used_at IS NULL AND expires_at > :now""")
                .param("h", tokenHash).param("p", purpose.name()).param("now", nowMillis).query(String.class).optional();
    }

    /**
     * Marks the token used (and forgets its destination) if it is not yet.
     *
     * @return whether this call used it: of two concurrent calls only one sees its update take effect
     */
    boolean markTokenUsed(String tokenHash, long nowMillis) {
        return jdbc.sql("UPDATE otp_verification_token SET used_at = :now, destination = '' WHERE token_hash = :h AND used_at IS NULL")
                .param("now", nowMillis).param("h", tokenHash).update() == 1;
    }

    /**
     * Deletes codes that expired before {@code codesExpiredBefore}, forgets the destination of every code expired at
     * {@code now}, deletes expired tokens, failures before {@code failuresBefore} and locks that ended.
     */
    void purge(long nowMillis, long codesExpiredBefore, long failuresBefore) {
        jdbc.sql("DELETE FROM otp_code WHERE expires_at < :t").param("t", codesExpiredBefore).update();
        jdbc.sql("UPDATE otp_code SET destination = '' WHERE expires_at < :now AND destination <> ''").param("now", nowMillis).update();
        jdbc.sql("DELETE FROM otp_verification_token WHERE expires_at < :now").param("now", nowMillis).update();
        jdbc.sql("DELETE FROM otp_failure WHERE failed_at < :t").param("t", failuresBefore).update();
        jdbc.sql("DELETE FROM otp_lock WHERE locked_until < :now").param("now", nowMillis).update();
    }
}

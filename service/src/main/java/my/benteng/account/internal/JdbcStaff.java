package my.benteng.account.internal;

import my.benteng.account.StaffRole;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code staff} and {@code staff_login_failure} tables. */
@Repository
class JdbcStaff {

    private static final RowMapper<StaffMember> STAFF = (rs, n) -> new StaffMember(rs.getString("id"), rs.getString("username"),
            roles(rs.getString("roles")), rs.getString("password_hash"), rs.getString("totp_secret"), rs.getLong("last_totp_step"),
            rs.getObject("disabled_at") != null);
    private static final String COLUMNS = "id, username, roles, password_hash, totp_secret, last_totp_step, disabled_at";

    private final JdbcClient jdbc;

    JdbcStaff(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StaffMember> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff WHERE username = :u").param("u", username).query(STAFF).optional();
    }

    Optional<StaffMember> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff WHERE id = :id").param("id", id).query(STAFF).optional();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM staff WHERE username = :u").param("u", username).query(Long.class).single() > 0;
    }

    boolean activeOperatorExists() {
        return jdbc.sql("SELECT COUNT(*) FROM staff WHERE disabled_at IS NULL AND (',' || roles || ',') LIKE '%,OPERATOR,%'")
                .query(Long.class).single() > 0;
    }

    void insert(StaffMember staff, long createdAt, String createdBy) {
        jdbc.sql("""
                        INSERT INTO staff (id, username, roles, password_hash, totp_secret, last_totp_step, created_at, created_by)
                        VALUES (:id, :username, :roles, :hash, :secret, :step, :at, :by)
                        """)
                .param("id", staff.id()).param("username", staff.username()).param("roles", text(staff.roles()))
                .param("hash", staff.passwordHash()).param("secret", staff.sealedTotpSecret()).param("step", staff.lastTotpStep())
                .param("at", createdAt).param("by", createdBy).update();
    }

    /** Claims a TOTP step for a sign-in; false when that step or a later one was already used (a replay). */
    boolean claimTotpStep(String id, long step) {
        return jdbc.sql("UPDATE staff SET last_totp_step = :step WHERE id = :id AND last_totp_step < :step")
                .param("step", step).param("id", id).update() == 1;
    }

    boolean disable(String id, long now) {
        return jdbc.sql("UPDATE staff SET disabled_at = :now WHERE id = :id AND disabled_at IS NULL").param("now", now).param("id", id)
                .update() == 1;
    }

    /** The lock on a username key, in epoch millis, if any (it may lie in the past). */
    Optional<Long> lockedUntil(String usernameKey) {
        return jdbc.sql("SELECT locked_until FROM staff_login_failure WHERE username_key = :k AND locked_until IS NOT NULL")
                .param("k", usernameKey).query(Long.class).optional();
    }

    /**
     * Counts one more consecutive failure in a single statement and returns the new count. A lock that has
     * run out starts the count again, so one failure after an unlock does not lock again at once.
     */
    int recordFailure(String usernameKey, long now) {
        jdbc.sql("""
                        INSERT INTO staff_login_failure (username_key, failures, locked_until, updated_at) VALUES (:k, 1, NULL, :now)
                        ON CONFLICT (username_key) DO UPDATE SET
                            failures = CASE WHEN staff_login_failure.locked_until IS NOT NULL AND staff_login_failure.locked_until <= :now
                                            THEN 1 ELSE staff_login_failure.failures + 1 END,
                            locked_until = CASE WHEN staff_login_failure.locked_until IS NOT NULL AND staff_login_failure.locked_until <= :now
                                                THEN NULL ELSE staff_login_failure.locked_until END,
                            updated_at = :now
                        """)
                .param("k", usernameKey).param("now", now).update();
        return jdbc.sql("SELECT failures FROM staff_login_failure WHERE username_key = :k").param("k", usernameKey)
                .query(Integer.class).single();
    }

    void lock(String usernameKey, long until) {
        jdbc.sql("UPDATE staff_login_failure SET locked_until = :until WHERE username_key = :k").param("until", until)
                .param("k", usernameKey).update();
    }

    void clearFailures(String usernameKey) {
        jdbc.sql("DELETE FROM staff_login_failure WHERE username_key = :k").param("k", usernameKey).update();
    }

    /** Forgets failure counts that are neither locked nor recent; they only ever grow from guessing. */
    int purgeFailures(long olderThan) {
        return jdbc.sql("DELETE FROM staff_login_failure WHERE updated_at < :t AND (locked_until IS NULL OR locked_until < :t)")
                .param("t", olderThan).update();
    }

    static String text(Set<StaffRole> roles) {
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<StaffRole> roles(String text) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).map(StaffRole::valueOf).forEach(roles::add);
        return roles;
    }
}

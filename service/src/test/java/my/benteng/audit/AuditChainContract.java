package my.benteng.audit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviour of the audit chain that must hold on every database; run by one subclass per database. */
abstract class AuditChainContract {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachEntryCommitsToItsPredecessor() {
        long first = audit.record(AuditEvent.named("authn_login_fail").actor("test").reason("test.contract"));
        long second = audit.record(AuditEvent.named("sensitive_read").actor("test").subject("******-**-**12"));
        assertThat(second).isEqualTo(first + 1);
        String firstHash = jdbc.sql("SELECT hash FROM audit_entry WHERE seq = ?").param(first).query(String.class).single();
        String secondPrev = jdbc.sql("SELECT prev_hash FROM audit_entry WHERE seq = ?").param(second).query(String.class).single();
        assertThat(secondPrev).isEqualTo(firstHash);
    }
}

package my.benteng.audit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** If the audit write fails, the business operation fails with it: nothing is done unaudited. */
abstract class AuditFailureContract {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditChain chain;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aFailedAuditWriteRollsBackTheBusinessChange() {
        jdbc.sql("CREATE TABLE audit_probe_business (id VARCHAR(64) NOT NULL PRIMARY KEY)").update();
        // a row squatting on the next seq makes the database refuse the audit insert (primary key)
        long next = audit.record(AuditEvent.named("sys_audit_probe").reason("audit.test.failure")) + 1;
        jdbc.sql("""
                        INSERT INTO audit_entry (seq, recorded_at, event, actor, outcome, prev_hash, hash)
                        VALUES (?, 0, 'squatter', 'test', 'SUCCESS', ?, ?)
                        """)
                .param(next).param("0".repeat(64)).param("0".repeat(64)).update();
        try {
            TransactionTemplate transaction = new TransactionTemplate(transactions);
            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                jdbc.sql("INSERT INTO audit_probe_business (id) VALUES ('order-1')").update();
                audit.record(AuditEvent.named("sensitive_create").actor("test").subject("order-1"));
            })).isInstanceOf(DataAccessException.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_probe_business").query(Long.class).single()).isZero();
        } finally {
            jdbc.sql("DELETE FROM audit_entry WHERE seq = ?").param(next).update();
            jdbc.sql("DROP TABLE audit_probe_business").update();
        }
        assertThat(chain.verify().intact()).isTrue();
        assertThat(audit.record(AuditEvent.named("sys_audit_probe").reason("audit.test.recovered"))).isEqualTo(next);
    }

    @Test
    void anInvalidEventIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> AuditEvent.named("Not A Vocabulary Word").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditEvent.named("authn_login_fail").attack("not-an-id").build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}

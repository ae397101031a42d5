package my.benteng.account.internal;

import my.benteng.account.AccountPrincipal;
import my.benteng.account.AccountRef;
import my.benteng.account.CitizenId;
import my.benteng.account.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions' last use written in the background: nothing until the flush, then forward only, never for an ended
 * session, many sessions in one flush; run on each database. Each test uses its own {@link SessionTouches} (not the
 * scheduled one), so nothing else flushes what it records.
 */
abstract class SessionTouchesContract {

    @Autowired
    Sessions sessions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    String session() {
        return sessions.issue(AccountRef.citizen(new CitizenId(UUID.randomUUID().toString())), Set.of(AccountPrincipal.CITIZEN_ROLE)).sessionId();
    }

    long stored(String id) {
        return jdbc.sql("SELECT last_used_at FROM account_session WHERE id = :id").param("id", id).query(Long.class).single();
    }

    @Test
    void aUseIsReadThroughAtOnceWrittenByTheFlushAndOnlyEverMovesForward() {
        SessionTouches touches = new SessionTouches(jdbc, transactions);
        String id = session();
        long issued = stored(id);
        touches.touch(id, issued + 60_000);
        assertThat(stored(id)).as("not written before the flush").isEqualTo(issued);
        assertThat(touches.lastUsed(id, issued)).as("but this node knows").isEqualTo(issued + 60_000);

        assertThat(touches.flush()).isEqualTo(1);
        assertThat(stored(id)).isEqualTo(issued + 60_000);
        assertThat(touches.flush()).as("nothing left").isZero();

        touches.touch(id, issued + 30_000); // an older use, e.g. reported late by another path
        touches.flush();
        assertThat(stored(id)).isEqualTo(issued + 60_000);
    }

    @Test
    void aSignedOutSessionIsNeverTouchedBackToLife() {
        SessionTouches touches = new SessionTouches(jdbc, transactions);
        String id = session();
        long issued = stored(id);
        touches.touch(id, issued + 60_000);
        assertThat(sessions.revoke(id)).isTrue();
        touches.flush();
        assertThat(stored(id)).isEqualTo(issued);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_session WHERE id = :id AND ended_at IS NOT NULL").param("id", id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void oneFlushWritesManySessions() {
        SessionTouches touches = new SessionTouches(jdbc, transactions);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 450; i++) { // three statements of up to 200
            ids.add(session());
        }
        for (String id : ids) {
            touches.touch(id, stored(id) + 1_000);
        }
        assertThat(touches.flush()).isEqualTo(450);
        for (String id : ids) {
            assertThat(touches.lastUsed(id, 0)).as("forgotten once written").isZero();
        }
    }
}

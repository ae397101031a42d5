package my.benteng.account.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions' last use, written in the background: a request that is due to record its session's use
 * ({@code last-used-write-interval}) leaves it here, and {@link #flush()} writes what gathered, every
 * {@code last-used-flush-interval}, with a few multi-row statements in one transaction. A check-in or any other request
 * therefore never waits for a commit of its own just to say "this session is in use" (in real traffic almost every
 * request is the first in a minute for its session). This node's idle checks read through what is not written yet,
 * so they are exact here; other nodes see a last use at most one flush interval older -- which can only end a
 * session early, never keep it alive longer. An ended session is never touched back to life (ended_at guard).
 */
@Component
public class SessionTouches {

    private static final Logger log = LoggerFactory.getLogger(SessionTouches.class);
    /** Sessions per statement (two bind parameters each, twice). */
    private static final int PER_STATEMENT = 200;
    /** Bounds the memory while the database is unreachable: beyond it, uses are dropped (sessions may end early). */
    private static final int MAX_PENDING = 200_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();

    SessionTouches(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Records that the session was used at {@code at} (epoch millis); written by the next flush. */
    void touch(String sessionId, long at) {
        if (pending.size() < MAX_PENDING || pending.containsKey(sessionId)) {
            pending.merge(sessionId, at, Math::max);
        }
    }

    /** The session's last use as this node knows it: the stored one, or a later one not written yet. */
    long lastUsed(String sessionId, long stored) {
        Long touched = pending.get(sessionId);
        return touched == null ? stored : Math.max(stored, touched);
    }

    /** Writes the uses gathered so far; returns how many sessions it wrote. Tests call it to see the table settle. */
    @Scheduled(fixedDelayString = "${benteng.account.last-used-flush-interval:PT1S}",
            initialDelayString = "${benteng.account.last-used-flush-interval:PT1S}")
    public int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        List<Map.Entry<String, Long>> batch = new ArrayList<>();
        pending.forEach((id, at) -> batch.add(Map.entry(id, at)));
        try {
            transaction.executeWithoutResult(s -> {
                for (int i = 0; i < batch.size(); i += PER_STATEMENT) {
                    write(batch.subList(i, Math.min(batch.size(), i + PER_STATEMENT)));
                }
            });
        } catch (DataAccessException e) {
            log.warn("session last-use flush failed ({}); retried at the next flush", e.getClass().getSimpleName());
            return 0;
        }
        batch.forEach(e -> pending.remove(e.getKey(), e.getValue())); // a later use that arrived meanwhile stays
        return batch.size();
    }

    /** Moves last_used_at forward only (another node may have written a later use), never for an ended session. */
    private void write(List<Map.Entry<String, Long>> rows) {
        StringBuilder at = new StringBuilder("CASE id");
        StringBuilder ids = new StringBuilder();
        List<Object> params = new ArrayList<>();
        List<Object> caseParams = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            at.append(" WHEN ? THEN ?");
            caseParams.add(rows.get(r).getKey());
            caseParams.add(rows.get(r).getValue());
            ids.append(r == 0 ? "?" : ", ?");
        }
        at.append(" END");
        params.addAll(caseParams);
        rows.forEach(e -> params.add(e.getKey()));
        params.addAll(caseParams);
        jdbc.sql("UPDATE account_session SET last_used_at = " + at + " WHERE id IN (" + ids + ") AND ended_at IS NULL AND last_used_at < " + at)
                .params(params).update();
    }

    /** Writes what is left when the node stops (best effort: a use lost here can only end a session early). */
    @jakarta.annotation.PreDestroy
    void stop() {
        flush();
    }
}

package my.benteng.audit;

import my.benteng.testing.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many writers on PostgreSQL (several nodes look the same to the database) still make one gap-free chain. */
@PostgresIntegrationTest
class AuditConcurrencyPostgresIntegrationTest {

    private static final int THREADS = 8;
    private static final int EVENTS_PER_THREAD = 50;

    @Autowired
    AuditLog audit;

    @Autowired
    AuditChain chain;

    @Test
    void concurrentAppendsMakeAGapFreeIntactChain() throws Exception {
        List<Callable<List<Long>>> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            writers.add(() -> {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                    AuditEvent.Builder event = AuditEvent.named("excess_rate_limit_exceeded").actor("writer-" + thread)
                            .reason("audit.test.concurrency").outcome(AuditOutcome.DENIED).attack("T1499");
                    // both entry points: the builder overload is a default method that must still lock the head
                    seqs.add(i % 2 == 0 ? audit.record(event) : audit.record(event.build()));
                }
                return seqs;
            });
        }
        TreeSet<Long> seqs = new TreeSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (Future<List<Long>> f : pool.invokeAll(writers)) {
                seqs.addAll(f.get());
            }
        }
        assertThat(seqs).hasSize(THREADS * EVENTS_PER_THREAD);
        assertThat(seqs.last() - seqs.first()).isEqualTo(THREADS * EVENTS_PER_THREAD - 1);
        AuditVerification verification = chain.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entriesChecked()).isGreaterThanOrEqualTo(seqs.last());
    }
}

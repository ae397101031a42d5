package my.benteng.otp;

import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attempt limits under concurrency, over real HTTP, on each database: many wrong guesses sent at once must not
 * be counted past the 5 tries of a code or the 10 failures per destination per hour.
 */
abstract class OtpParallelGuessesContract {

    private static final int GUESSES = 120;

    @LocalServerPort
    int port;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    CodeJourney journey;
    String phone;
    ExecutorService pool;

    @BeforeEach
    void newCitizen() {
        journey = new CodeJourney(port, dispatcher);
        phone = CodeJourney.newMobile();
        pool = Executors.newFixedThreadPool(48);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    // repeated because a lost race shows only in some bursts (before the fix: on SQLite in about half of them)
    @RepeatedTest(3)
    void ofManyParallelWrongGuessesExactlyFiveAreCountedAndTheRightCodeIsThenRefused() throws Exception {
        String requestId = journey.field(journey.requestCode("SMS", phone, "LOGIN"), "requestId");
        String code = journey.readCode(phone);

        List<HttpResponse<String>> answers = burst(GUESSES, i -> journey.verify(requestId, wrongFor(List.of(code), i)));

        Map<Integer, Long> byStatus = byStatus(answers);
        assertThat(byStatus.getOrDefault(400, 0L)).as("answered as counted wrong codes: %s", byStatus).isEqualTo(5);
        assertThat(byStatus.getOrDefault(410, 0L) + busy(answers)).as("refused as a dead code: %s", byStatus).isEqualTo(GUESSES - 5);
        assertThat(answers.stream().filter(r -> r.statusCode() == 400).map(r -> r.body().replaceAll(".*\"attemptsLeft\":(\\d+).*", "$1")))
                .containsExactlyInAnyOrder("4", "3", "2", "1", "0");
        assertThat(jdbc.sql("SELECT attempts FROM otp_code WHERE id = :id").param("id", requestId).query(Integer.class).single())
                .isEqualTo(5);
        assertThat(failuresOfTheDestinationOf(requestId)).isEqualTo(5);
        assertThat(journey.verify(requestId, code).statusCode()).as("the right code after the tries are used up").isEqualTo(410);
    }

    @Test
    void theRightCodeInABurstOfWrongGuessesIsAcceptedOnlyBeforeTheFifthCountedOne() throws Exception {
        String requestId = journey.field(journey.requestCode("SMS", phone, "LOGIN"), "requestId");
        String code = journey.readCode(phone);

        List<HttpResponse<String>> answers = burst(GUESSES,
                i -> journey.verify(requestId, i == GUESSES / 2 ? code : wrongFor(List.of(code), i)));

        Map<Integer, Long> byStatus = byStatus(answers);
        int attempts = jdbc.sql("SELECT attempts FROM otp_code WHERE id = :id").param("id", requestId).query(Integer.class).single();
        assertThat(byStatus.getOrDefault(400, 0L)).as("%s", byStatus).isEqualTo(attempts).isLessThanOrEqualTo(5);
        if (byStatus.getOrDefault(200, 0L) == 1) {
            assertThat(attempts).as("accepted although the tries were used up").isLessThan(5);
        } else {
            assertThat(attempts).as("%s", byStatus).isEqualTo(5);
        }
        assertThat(byStatus.getOrDefault(200, 0L) + byStatus.getOrDefault(400, 0L) + byStatus.getOrDefault(410, 0L) + busy(answers))
                .as("%s", byStatus).isEqualTo(GUESSES);
    }

    @Test
    void theHourlyLockHoldsUnderParallelGuessesAcrossCodes() throws Exception {
        // a number that has completed a verification gets codes for several purposes at once (no first-contact interval)
        journey.verificationToken(phone, "SIGN_UP");
        TestClock.INSTANCE.advance(Duration.ofMinutes(61)); // out of the per-hour cap and the failure window
        List<String> requestIds = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (String purpose : List.of("LOGIN", "CONTACT_VERIFICATION", "PREMISES_OWNER")) {
            HttpResponse<String> issued = journey.requestCode("SMS", phone, purpose);
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);
            requestIds.add(journey.field(issued, "requestId"));
            codes.add(journey.readCode(phone));
        }

        // three live codes hold 15 tries between them; the destination allows 10 failures an hour
        List<HttpResponse<String>> answers = burst(GUESSES, i -> journey.verify(requestIds.get(i % 3), wrongFor(codes, i)));

        Map<Integer, Long> byStatus = byStatus(answers);
        assertThat(byStatus.getOrDefault(400, 0L)).as("answered as counted wrong codes: %s", byStatus).isEqualTo(9);
        assertThat(byStatus.getOrDefault(429, 0L)).as("the tenth failure and what came after the lock: %s", byStatus).isPositive();
        assertThat(byStatus.getOrDefault(400, 0L) + byStatus.getOrDefault(410, 0L) + byStatus.getOrDefault(429, 0L) + busy(answers))
                .as("%s", byStatus).isEqualTo(GUESSES);
        assertThat(failuresOfTheDestinationOf(requestIds.getFirst())).isEqualTo(10);
        for (int i = 0; i < 3; i++) {
            assertThat(journey.verify(requestIds.get(i), codes.get(i)).statusCode()).as("right code while locked").isEqualTo(429);
        }
    }

    private List<HttpResponse<String>> burst(int n, Function<Integer, HttpResponse<String>> guess) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                return guess.apply(index);
            }));
        }
        start.countDown();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            answers.add(f.get());
        }
        return answers;
    }

    /**
     * Answers refused as load: on a slow machine a few of 120 simultaneous verifications can wait past SQLite's busy
     * timeout. That is the contract's 503 with Retry-After (the transaction rolled back, nothing was counted), so it
     * may stand in for any answer, while the counted ones must still be exact.
     */
    private static long busy(List<HttpResponse<String>> answers) {
        List<HttpResponse<String>> busy = answers.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(busy).allSatisfy(r -> assertThat(r.headers().firstValue("Retry-After")).isPresent());
        return busy.size();
    }

    private static Map<Integer, Long> byStatus(List<HttpResponse<String>> answers) {
        return answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    }

    /** A six-digit guess that is none of the real codes. */
    private static String wrongFor(List<String> codes, int i) {
        for (int n = i; ; n += 7919) {
            String guess = String.format("%06d", n % 1_000_000);
            if (!codes.contains(guess)) {
                return guess;
            }
        }
    }

    private long failuresOfTheDestinationOf(String requestId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM otp_failure
                        WHERE destination_hash = (SELECT destination_hash FROM otp_code WHERE id = :id)""")
                .param("id", requestId).query(Long.class).single();
    }
}

package my.benteng.platform.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import my.benteng.platform.ProblemWords;
import my.benteng.platform.Refusal;
import my.benteng.platform.RefusalProblems;
import my.benteng.platform.RefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry of every module's refusal words: one claimant per type, and a clean 400 for a refusal nobody words. */
class RefusalsTest {

    sealed interface ShelfRefusal extends Refusal {
        record Empty() implements ShelfRefusal {
        }

        record Busy(Duration retryAfter) implements ShelfRefusal {
        }
    }

    enum DoorRefusal implements Refusal { LOCKED }

    record Unclaimed(String secret) implements Refusal {
    }

    /** Names its refusal type only by its type argument. */
    static final class ShelfProblems implements RefusalProblems<ShelfRefusal> {
        @Override
        public ProblemWords words(ShelfRefusal refusal) {
            return switch (refusal) {
                case ShelfRefusal.Empty e -> ProblemWords.of(HttpStatus.NOT_FOUND, "shelf-empty", "Shelf empty", "Nothing is on the shelf.");
                case ShelfRefusal.Busy b -> ProblemWords.of(HttpStatus.TOO_MANY_REQUESTS, "shelf-busy", "Shelf busy", "Try again shortly.")
                        .retryAfter(b.retryAfter());
            };
        }
    }

    /** Claims the busy shelf alone: overlaps {@link ShelfProblems}. */
    static final class BusyShelfProblems implements RefusalProblems<ShelfRefusal.Busy> {
        @Override
        public Class<ShelfRefusal.Busy> refusalType() {
            return ShelfRefusal.Busy.class;
        }

        @Override
        public ProblemWords words(ShelfRefusal.Busy refusal) {
            return ProblemWords.of(HttpStatus.SERVICE_UNAVAILABLE, "other", "Other", "Other words.");
        }
    }

    static final class DoorProblems implements RefusalProblems<DoorRefusal> {
        @Override
        public Class<DoorRefusal> refusalType() {
            return DoorRefusal.class;
        }

        @Override
        public ProblemWords words(DoorRefusal refusal) {
            return null; // a defect: no words
        }
    }

    private final Logger logger = (Logger) LoggerFactory.getLogger(Refusals.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void eachRefusalGetsTheWordsOfTheBeanThatClaimsItsType() {
        Refusals refusals = new Refusals(List.of(new ShelfProblems(), new DoorProblems()));
        assertThat(refusals.words(new ShelfRefusal.Empty()).slug()).isEqualTo("shelf-empty");
        ProblemWords busy = refusals.words(new ShelfRefusal.Busy(Duration.ofSeconds(7)));
        assertThat(busy.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aBeanClaimsTheTypeItsClassGivesAsTheTypeArgument() {
        assertThat(new ShelfProblems().refusalType()).isEqualTo(ShelfRefusal.class);
        assertThat(new BusyShelfProblems().refusalType()).isEqualTo(ShelfRefusal.Busy.class);
    }

    @Test
    void twoBeansClaimingOneRefusalTypeStopTheStartUp() {
        assertThatThrownBy(() -> new Refusals(List.of(new ShelfProblems(), new DoorProblems(), new ShelfProblems())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ShelfRefusal.class.getName());
        // a bean for a subtype of a claimed type would make the answer depend on bean order
        assertThatThrownBy(() -> new Refusals(List.of(new BusyShelfProblems(), new ShelfProblems())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ShelfRefusal.Busy.class.getName());
    }

    @Test
    void aRefusalNobodyWordsIsAGeneric400AndAnErrorInTheLog() {
        Refusals refusals = new Refusals(List.of(new ShelfProblems()));
        ProblemWords words = refusals.words(new Unclaimed("input-the-client-sent"));
        assertThat(words.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(words.slug()).isEqualTo("bad-request");
        assertThat(words.title()).isEqualTo("Bad request");
        assertThat(words.detail()).isEqualTo("The request could not be understood.");
        assertThat(words.retryAfter()).isNull();
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains(Unclaimed.class.getName()).doesNotContain("input-the-client-sent");
        });
    }

    @Test
    void wordsThatAreMissingGiveTheGeneric400Too() {
        Refusals refusals = new Refusals(List.of(new DoorProblems()));
        assertThat(refusals.words(DoorRefusal.LOCKED)).isEqualTo(Refusals.UNWORDED);
        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.ERROR);
    }

    @Test
    void theRefusedExceptionNamesTheRefusalButNothingItCarries() {
        RefusedException e = new RefusedException(new Unclaimed("input-the-client-sent"));
        assertThat(e.getMessage()).contains("Unclaimed").doesNotContain("input-the-client-sent");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(new RefusedException(DoorRefusal.LOCKED).getMessage()).contains("DoorRefusal.LOCKED");
        assertThat(e.refusal()).isEqualTo(new Unclaimed("input-the-client-sent"));
    }
}

package my.benteng.detection.internal.sigma;

/**
 * Where matches go: the alert book (deduplication, status, delivery) and the log. Called on the engine's matches thread,
 * after the appending transaction committed, outside any transaction; an implementation should not throw (the engine
 * logs and goes on if it does).
 */
@FunctionalInterface
public interface MatchSink {

    void accept(Match match);
}

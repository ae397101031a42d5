package my.benteng.detection.internal.sigma;

/**
 * Where matches go: the alert book (deduplication, status, delivery). Called on the thread that appended the audit
 * entries, after their transaction committed; an implementation must be quick and must not throw.
 */
@FunctionalInterface
public interface MatchSink {

    void accept(Match match);
}

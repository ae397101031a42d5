package my.benteng.shield.internal;

import my.benteng.shield.DenyKind;
import my.benteng.shield.RegistryEntry;
import my.benteng.shield.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Rule 2: the operators' registry. A deny entry refuses (deny beats allow: an operator who denies a prefix
 * means it even if an older allow entry covers one of its numbers); an allow entry only marks the
 * destination as allow-listed, which other rules consult.
 */
class RegistryPolicy {

    /** A deny when an active deny entry covers the number; empty otherwise. */
    Optional<Verdict> check(List<RegistryEntry> matching) {
        if (matching.stream().anyMatch(e -> e.action() == RegistryEntry.Action.DENY)) {
            return Optional.of(new Verdict.Deny("shield.registry.denied", Duration.ZERO, DenyKind.UNDELIVERABLE));
        }
        return Optional.empty();
    }

    boolean allowListed(List<RegistryEntry> matching) {
        return !matching.isEmpty() && matching.stream().allMatch(e -> e.action() == RegistryEntry.Action.ALLOW);
    }
}

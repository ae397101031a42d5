package my.benteng.detection.internal.sigma;

import my.benteng.detection.Level;

import java.util.List;

/**
 * What every rule carries besides its logic.
 *
 * @param id      the Sigma {@code id} (a UUID in the shipped rules): stable, used in alerts and fingerprints
 * @param name    the Sigma {@code name}, a readable unique slug that correlation rules may refer to; may equal the id
 * @param status  Sigma's status; {@code deprecated} and {@code unsupported} rules are loaded and checked but never run
 * @param attack  ATT&CK technique ids taken from the {@code attack.tNNNN[.NNN]} tags, upper case ({@code T1110.003})
 * @param file    the file it came from, and the line of its first key, for messages
 */
public record RuleInfo(String id, String name, String title, String status, Level level, List<String> tags, List<String> attack,
                       String file, int line) {

    public RuleInfo {
        tags = List.copyOf(tags);
        attack = List.copyOf(attack);
    }

    /** Rules with these statuses are checked at load but never evaluated. */
    public boolean enabled() {
        return !status.equals("deprecated") && !status.equals("unsupported");
    }
}

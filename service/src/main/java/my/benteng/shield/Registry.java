package my.benteng.shield;

import java.util.List;

/**
 * The operators' allow and deny list for phone numbers and number prefixes ("manually register
 * individual numbers", with a reason and an expiry). A deny entry makes the shield refuse every code to
 * matching numbers; an allow entry lifts the per-IP, per-subnet and per-client limits, the spend
 * near-cap restriction and prefix blocks, but never the per-destination caps.
 */
public interface Registry {

    /**
     * Adds an entry.
     *
     * @throws my.benteng.platform.InvalidValueException when digits, reason or expiry are not acceptable
     */
    RegistryEntry add(RegistryEntry.Draft draft, String createdBy);

    /** Removes an entry; false when there was none with that id. */
    boolean remove(String id, String removedBy);

    /** The entries that have not expired, newest first. */
    List<RegistryEntry> list();
}

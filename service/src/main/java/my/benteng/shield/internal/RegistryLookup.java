package my.benteng.shield.internal;

import my.benteng.shield.RegistryEntry;

import java.time.Instant;
import java.util.List;

/** The active registry entries covering one number (exact entry or any prefix of it). */
@FunctionalInterface
interface RegistryLookup {

    List<RegistryEntry> matching(String e164Digits, Instant now);
}

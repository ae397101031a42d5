package my.benteng.premises.internal;

import my.benteng.premises.MalaysianState;
import my.benteng.premises.PremisesCategory;
import my.benteng.premises.PremisesId;

import java.time.Instant;

/** A premises as its owner sees it on "my premises": what they registered and which issue of its QR code is current. */
public record OwnedPremises(PremisesId id, String name, String address, String postcode, MalaysianState state,
                            PremisesCategory category, int qrVersion, Instant qrIssuedAt, Instant createdAt) {
}

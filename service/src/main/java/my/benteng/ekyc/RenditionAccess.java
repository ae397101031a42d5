package my.benteng.ekyc;

import java.time.Instant;

/**
 * One access to an eKYC image as the vault recorded it when it handed out a watermarked rendition: what a leak
 * investigation names once a leaked image's watermark resolves to it.
 *
 * @param accessId           the 48-bit access id as 12 hex digits (the id in the watermark and the audit entry)
 * @param relyingPartyId     the relying party that received the rendition
 * @param relyingPartyName   its registered name
 * @param consentReference   the consent under which it was served
 * @param maskedCitizen      the citizen's MyKad number, masked ({@code ******-**-**12}); {@code null} once the record
 *                           was crypto-shredded
 * @param purpose            the consented purpose
 * @param renderedAt         when the rendition was made
 * @param sourceAddress      the relying party's client address the request came from
 * @param sourceNetwork      the registered network of the relying party that contains it ({@code null} if none does now)
 */
public record RenditionAccess(String accessId, String relyingPartyId, String relyingPartyName, String consentReference,
                              String maskedCitizen, String purpose, Instant renderedAt, String sourceAddress, String sourceNetwork) {
}

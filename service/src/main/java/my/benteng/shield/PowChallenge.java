package my.benteng.shield;

/**
 * An ALTCHA challenge as the client widget expects it (serialise the record as JSON as it is). The
 * difficulty and expiry are inside {@code salt}, which the signature covers, so a client cannot trade a
 * hard challenge for an easy one.
 */
public record PowChallenge(String algorithm, String challenge, long maxnumber, String salt, String signature) {
}

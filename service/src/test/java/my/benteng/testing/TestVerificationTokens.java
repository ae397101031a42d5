package my.benteng.testing;

import my.benteng.account.Purpose;
import my.benteng.account.VerificationTokens;
import my.benteng.account.VerifiedContact;
import my.benteng.platform.Contact;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real, in-memory, single-use token store for account tests, which call {@link #issue} where a citizen
 * would have entered a correct code; tokens it did not issue go to the otp module's implementation.
 */
public class TestVerificationTokens implements VerificationTokens {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, VerifiedContact> issued = new ConcurrentHashMap<>();
    private final VerificationTokens otp;

    public TestVerificationTokens(VerificationTokens otp) {
        this.otp = otp;
    }

    public String issue(Contact contact, String purpose) {
        return issue(contact, Purpose.valueOf(purpose));
    }

    public String issue(Contact contact, Purpose purpose) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        issued.put(token, new VerifiedContact(contact, purpose));
        return token;
    }

    @Override
    public Optional<VerifiedContact> redeem(String verificationToken, Purpose purpose) {
        // spent on first presentation, whatever the purpose: a token is one proof, used once
        VerifiedContact mine = verificationToken == null ? null : issued.remove(verificationToken);
        if (mine != null) {
            return Optional.of(mine).filter(v -> v.purpose() == purpose);
        }
        return otp.redeem(verificationToken, purpose);
    }

    @Override
    public Optional<VerifiedContact> peek(String verificationToken, Purpose purpose) {
        VerifiedContact mine = verificationToken == null ? null : issued.get(verificationToken);
        if (mine != null) {
            return Optional.of(mine).filter(v -> v.purpose() == purpose);
        }
        return otp.peek(verificationToken, purpose);
    }
}

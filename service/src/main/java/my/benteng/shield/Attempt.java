package my.benteng.shield;

import my.benteng.platform.Channel;
import my.benteng.platform.ClientIp;
import my.benteng.platform.Contact;
import my.benteng.platform.SpendLevel;

import java.util.Objects;
import java.util.Optional;

/**
 * One request to send a code, as the shield needs to judge it.
 *
 * @param destination where the code would go; it also says how ({@link #channel()})
 * @param purpose     why the code is wanted (SIGN_UP, LOGIN, ...), for audit and metrics only
 * @param clientIp    the client address the platform resolved
 * @param clientId    the API client or device identifier, when the client sent one (at most 128 characters)
 * @param pow         the ALTCHA solution (base64 payload) when the client solved a challenge
 * @param spend       the messaging spend meter's state for this channel
 */
public record Attempt(Contact destination, String purpose, ClientIp clientIp,
                      Optional<String> clientId, Optional<String> pow, SpendLevel spend) {

    /** Longer client ids are refused: they are keys in the limit store. */
    public static final int MAX_CLIENT_ID = 128;

    public Attempt {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(clientIp, "clientIp");
        clientId = Objects.requireNonNullElse(clientId, Optional.<String>empty()).filter(s -> !s.isBlank());
        pow = Objects.requireNonNullElse(pow, Optional.<String>empty()).filter(s -> !s.isBlank());
        Objects.requireNonNull(spend, "spend");
        if (clientId.isPresent() && clientId.get().length() > MAX_CLIENT_ID) {
            throw new my.benteng.platform.InvalidValueException("clientId", "is too long");
        }
    }

    /** An attempt without client id or PoW solution and with normal spend: the common case in tests. */
    public static Attempt of(Contact destination, String purpose, ClientIp clientIp) {
        return new Attempt(destination, purpose, clientIp, Optional.empty(), Optional.empty(), SpendLevel.NORMAL);
    }

    /** How the code would travel: it follows from the destination. */
    public Channel channel() {
        return destination.channel();
    }

    public Attempt withPow(String solution) {
        return new Attempt(destination, purpose, clientIp, clientId, Optional.ofNullable(solution), spend);
    }

    public Attempt withClientId(String id) {
        return new Attempt(destination, purpose, clientIp, Optional.ofNullable(id), pow, spend);
    }

    public Attempt withSpend(SpendLevel status) {
        return new Attempt(destination, purpose, clientIp, clientId, pow, status);
    }
}

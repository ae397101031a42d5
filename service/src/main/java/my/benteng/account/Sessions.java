package my.benteng.account;

import java.util.Set;

/**
 * Opaque bearer-token sessions for every kind of account. Requests present the token as
 * {@code Authorization: Bearer <token>}; the principal is an {@link AccountPrincipal}.
 */
public interface Sessions {

    /**
     * Issues a session for an account whose holder has just proved who they are; {@code roles} without
     * the {@code ROLE_} prefix. Audited as {@code session_created}.
     */
    IssuedSession issue(AccountRef account, Set<String> roles);

    /** Ends one session (sign-out); false when it was already ended or never existed. */
    boolean revoke(String sessionId);

    /** Ends every live session of the account (disabled staff, a citizen's "sign out everywhere"); returns how many. */
    int revokeAll(AccountRef account);
}

package my.benteng.account;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * The signed-in caller, as the principal of Spring Security's {@code Authentication}. {@code roles} are the
 * role names without prefix ({@code CITIZEN}, {@code OPERATOR}, ...); {@code sessionId} names the session
 * (an opaque handle, not the bearer token: it cannot authenticate anything).
 */
public record AccountPrincipal(AccountKind kind, String id, Set<String> roles, String sessionId) implements Principal {

    /** The role every citizen session carries. */
    public static final String CITIZEN_ROLE = "CITIZEN";

    public AccountPrincipal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(sessionId, "sessionId");
    }

    public AccountRef account() {
        return new AccountRef(kind, id);
    }

    @Override
    public String getName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}

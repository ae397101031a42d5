package my.benteng.account;

import java.util.Objects;

/** Names an account of either kind by its opaque id, e.g. to issue or revoke its sessions. */
public record AccountRef(AccountKind kind, String id) {

    public AccountRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static AccountRef citizen(CitizenId id) {
        return new AccountRef(AccountKind.CITIZEN, id.value());
    }
}

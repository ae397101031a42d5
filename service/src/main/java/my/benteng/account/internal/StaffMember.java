package my.benteng.account.internal;

import my.benteng.account.StaffRole;

import java.util.Set;

/** A staff row. Holds the password hash and the sealed TOTP secret, so {@link #toString()} prints neither. */
record StaffMember(String id, String username, Set<StaffRole> roles, String passwordHash, String sealedTotpSecret,
                   long lastTotpStep, boolean disabled) {

    @Override
    public String toString() {
        return "StaffMember[id=" + id + ", roles=" + roles + ", disabled=" + disabled + "]";
    }
}

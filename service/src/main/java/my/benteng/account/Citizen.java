package my.benteng.account;

import my.benteng.platform.Contact;

import java.time.Instant;
import java.util.Objects;

/**
 * A citizen account. The name and contact are personal data: {@link #toString()} prints neither whole.
 */
public record Citizen(CitizenId id, String name, Contact contact, Instant createdAt) {

    public Citizen {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "Citizen[id=" + id + ", contact=" + contact + "]";
    }
}

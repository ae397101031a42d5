package my.benteng.premises.internal;

import my.benteng.premises.PremisesId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Premises rows; the only code that reads or writes the {@code premises} table. */
@Repository
class JdbcPremises {

    private final JdbcClient jdbc;

    JdbcPremises(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(PremisesId id, String ownerId, String name, int qrVersion) {
    }

    void insert(PremisesId id, String ownerId, Registration r, long now) {
        jdbc.sql("""
                        INSERT INTO premises (id, owner_id, name, address, postcode, state, category, qr_version, qr_issued_at, created_at)
                        VALUES (:id, :owner, :name, :address, :postcode, :state, :category, 1, :now, :now)
                        """)
                .param("id", id.value()).param("owner", ownerId).param("name", r.name()).param("address", r.address())
                .param("postcode", r.postcode()).param("state", r.state().name()).param("category", r.category().name())
                .param("now", now).update();
    }

    Optional<Row> find(PremisesId id) {
        return jdbc.sql("SELECT id, owner_id, name, qr_version FROM premises WHERE id = :id").param("id", id.value())
                .query((rs, n) -> new Row(new PremisesId(rs.getString("id")), rs.getString("owner_id"), rs.getString("name"),
                        rs.getInt("qr_version")))
                .optional();
    }

    /** At most {@code limit} premises of one owner, newest first (the owner index). */
    List<OwnedPremises> ofOwner(String ownerId, int limit) {
        return jdbc.sql("""
                        SELECT id, name, address, postcode, state, category, qr_version, qr_issued_at, created_at FROM premises
                        WHERE owner_id = :owner ORDER BY created_at DESC, id LIMIT :limit""")
                .param("owner", ownerId).param("limit", limit)
                .query((rs, n) -> new OwnedPremises(new PremisesId(rs.getString("id")), rs.getString("name"), rs.getString("address"),
                        rs.getString("postcode"), my.benteng.premises.MalaysianState.valueOf(rs.getString("state")),
                        my.benteng.premises.PremisesCategory.valueOf(rs.getString("category")), rs.getInt("qr_version"),
                        java.time.Instant.ofEpochMilli(rs.getLong("qr_issued_at")), java.time.Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    /** Moves the premises to its next QR issue; the new version, or empty when the owner does not own it. */
    Optional<Integer> nextQrVersion(PremisesId id, String ownerId, long now) {
        int updated = jdbc.sql("UPDATE premises SET qr_version = qr_version + 1, qr_issued_at = :now WHERE id = :id AND owner_id = :owner")
                .param("now", now).param("id", id.value()).param("owner", ownerId).update();
        if (updated == 0) {
            return Optional.empty();
        }
        return find(id).map(Row::qrVersion);
    }

    Map<PremisesId, String> names(Collection<PremisesId> ids) {
        Map<PremisesId, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        List<String> values = ids.stream().map(PremisesId::value).distinct().toList();
        jdbc.sql("SELECT id, name FROM premises WHERE id IN (:ids)").param("ids", values)
                .query((rs, n) -> names.put(new PremisesId(rs.getString("id")), rs.getString("name"))).list();
        return names;
    }

    Map<PremisesId, my.benteng.premises.PremisesSummary> summaries(Collection<PremisesId> ids) {
        Map<PremisesId, my.benteng.premises.PremisesSummary> found = new HashMap<>();
        List<String> values = ids.stream().map(PremisesId::value).distinct().toList();
        for (int i = 0; i < values.size(); i += 500) { // bounded IN lists
            jdbc.sql("SELECT id, name, state, category FROM premises WHERE id IN (:ids)").param("ids", values.subList(i, Math.min(values.size(), i + 500)))
                    .query((rs, n) -> found.put(new PremisesId(rs.getString("id")), new my.benteng.premises.PremisesSummary(
                            new PremisesId(rs.getString("id")), rs.getString("name"),
                            my.benteng.premises.MalaysianState.valueOf(rs.getString("state")),
                            my.benteng.premises.PremisesCategory.valueOf(rs.getString("category"))))).list();
        }
        return found;
    }
}

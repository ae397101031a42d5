package my.benteng.helpdesk.internal;

import my.benteng.platform.Channel;
import my.benteng.platform.Contact;
import my.benteng.platform.RandomIds;
import my.benteng.helpdesk.TicketCategory;
import my.benteng.helpdesk.TicketStatus;
import my.benteng.messaging.TicketReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The only code that reads or writes the helpdesk tables. SQL that runs on SQLite and PostgreSQL alike. */
@Repository
public class JdbcTickets {

    private static final String COLUMNS = """
            id, reference, category, subject, message, contact_channel, contact, contact_verified, citizen_id, source,
            status, assignee, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final SecureRandom random;

    JdbcTickets(JdbcClient jdbc, SecureRandom random) {
        this.jdbc = jdbc;
        this.random = random;
    }

    /** A note or a sent reply on a ticket. */
    public record Entry(String kind, String author, String body, Instant createdAt) {
        @Override
        public String toString() {
            return "Entry[" + kind + " by " + author + "]";
        }
    }

    /** Queue filters; null means "any". {@code assignee} is a staff id, or {@link #UNASSIGNED}. */
    public record Filter(TicketStatus status, TicketCategory category, String assignee) {
        public static final String UNASSIGNED = "none";
    }

    void insert(Ticket t) {
        jdbc.sql("INSERT INTO helpdesk_ticket (" + COLUMNS + """
                        ) VALUES (:id, :reference, :category, :subject, :message, :channel, :contact, :verified, :citizen, :source,
                        :status, :assignee, :created, :updated)""")
                .param("id", t.id()).param("reference", t.reference().value()).param("category", t.category().name())
                .param("subject", t.subject()).param("message", t.message()).param("channel", t.contact().channel().name())
                .param("contact", t.contact().value()).param("verified", t.contactVerified() ? 1 : 0).param("citizen", t.citizenId())
                .param("source", t.source().name()).param("status", t.status().name()).param("assignee", t.assignee())
                .param("created", t.createdAt().toEpochMilli()).param("updated", t.updatedAt().toEpochMilli()).update();
    }

    public Optional<Ticket> find(TicketReference reference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM helpdesk_ticket WHERE reference = :r").param("r", reference.value())
                .query(JdbcTickets::ticket).optional();
    }

    /** Oldest first within the filter, so that nobody waits longest by accident. */
    public List<Ticket> queue(Filter filter, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM helpdesk_ticket WHERE 1 = 1");
        var spec = new java.util.LinkedHashMap<String, Object>();
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            spec.put("status", filter.status().name());
        }
        if (filter.category() != null) {
            sql.append(" AND category = :category");
            spec.put("category", filter.category().name());
        }
        if (Filter.UNASSIGNED.equals(filter.assignee())) {
            sql.append(" AND assignee IS NULL");
        } else if (filter.assignee() != null) {
            sql.append(" AND assignee = :assignee");
            spec.put("assignee", filter.assignee());
        }
        sql.append(" ORDER BY created_at, id LIMIT :limit OFFSET :offset");
        spec.put("limit", size);
        spec.put("offset", (long) page * size);
        return jdbc.sql(sql.toString()).params(spec).query(JdbcTickets::ticket).list();
    }

    /** Compare-and-set, so that two agents moving one ticket at once cannot both win. */
    boolean moveStatus(String id, TicketStatus from, TicketStatus to, Instant now) {
        return jdbc.sql("UPDATE helpdesk_ticket SET status = :to, updated_at = :now WHERE id = :id AND status = :from")
                .param("to", to.name()).param("now", now.toEpochMilli()).param("id", id).param("from", from.name()).update() == 1;
    }

    void assign(String id, String assignee, Instant now) {
        jdbc.sql("UPDATE helpdesk_ticket SET assignee = :a, updated_at = :now WHERE id = :id")
                .param("a", assignee).param("now", now.toEpochMilli()).param("id", id).update();
    }

    void addEntry(String ticketId, String kind, String author, String body, Instant now) {
        jdbc.sql("INSERT INTO helpdesk_entry (id, ticket_id, kind, author, body, created_at) VALUES (:id, :t, :k, :a, :b, :now)")
                .param("id", RandomIds.uuid(random)).param("t", ticketId).param("k", kind).param("a", author).param("b", body)
                .param("now", now.toEpochMilli()).update();
    }

    public List<Entry> entries(String ticketId) {
        return jdbc.sql("SELECT kind, author, body, created_at FROM helpdesk_entry WHERE ticket_id = :t ORDER BY created_at, id")
                .param("t", ticketId)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    /**
     * Claims the one acknowledgement a recipient may get per interval (RFC 3834): true when none was sent since
     * {@code cutoff} (and records {@code now} under {@code recipientHash}), false otherwise; a row under
     * {@code legacyHash} (the form stored before) counts as one sent. One statement, so parallel submissions naming
     * the same recipient cannot both claim it.
     */
    boolean claimAcknowledgement(String recipientHash, String legacyHash, Instant now, Instant cutoff) {
        // the legacy row of the same recipient (stored before the current form) counts inside the window too, in the same
        // statement; SQLite needs the WHERE on an INSERT ... SELECT to tell the upsert's ON CONFLICT from a join
        return jdbc.sql("""
                        INSERT INTO helpdesk_acknowledgement (recipient_hash, sent_at)
                        SELECT :h, :now WHERE NOT EXISTS (
                            SELECT 1 FROM helpdesk_acknowledgement WHERE recipient_hash = :legacy AND sent_at > :cutoff)
                        ON CONFLICT (recipient_hash) DO UPDATE SET sent_at = excluded.sent_at
                        WHERE helpdesk_acknowledgement.sent_at <= :cutoff""")
                .param("h", recipientHash).param("legacy", legacyHash).param("now", now.toEpochMilli())
                .param("cutoff", cutoff.toEpochMilli()).update() == 1;
    }

    private static Ticket ticket(ResultSet rs, int n) throws SQLException {
        Contact contact = Contact.parse(Channel.valueOf(rs.getString("contact_channel")), rs.getString("contact"));
        return new Ticket(rs.getString("id"), TicketReference.of(rs.getString("reference")), TicketCategory.valueOf(rs.getString("category")),
                rs.getString("subject"), rs.getString("message"), contact, rs.getInt("contact_verified") == 1, rs.getString("citizen_id"),
                Ticket.Source.valueOf(rs.getString("source")), TicketStatus.valueOf(rs.getString("status")), rs.getString("assignee"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}

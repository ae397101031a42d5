package my.benteng.helpdesk.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden values. The legacy ones were computed by the HMAC code before {@code platform.KeyedHash} (and agree with
 * {@code openssl dgst -sha256 -mac HMAC}): acknowledgements stored in that form must keep counting inside their window.
 * The current ones pin the platform's one contact form under the helpdesk's label.
 */
class TicketServiceTest {

    private static final Contact PHONE = Contact.of(PhoneNumber.parse("+60123456789"));
    private static final Contact EMAIL = Contact.of(EmailAddress.parse("siti.aminah@contoh.my"));

    private final TicketService tickets = new TicketService(null, null, null, null, null, null, null,
            new HelpdeskKeys("a helpdesk recipient key, at least 32 bytes".getBytes(StandardCharsets.UTF_8), new byte[32]));

    @Test
    void legacyRecipientHashesAreThoseAlreadyStoredForAcknowledgements() {
        assertThat(tickets.legacyRecipientHash(PHONE)).isEqualTo("1deb76e2360a8d170d39226d2f137f99e771b96c8c45b98edbe5f9ca6d60b468");
        assertThat(tickets.legacyRecipientHash(EMAIL)).isEqualTo("4a15f9db1cde4b383fd09cf183eef64f07ab885d2cbb0f733fd8f7d88797ff65");
    }

    @Test
    void recipientHashesAreThePlatformContactHashUnderTheHelpdeskLabel() {
        assertThat(tickets.recipientHash(PHONE)).isEqualTo("2584b0e29224d4184a989b2e2bb32b4e3d95f82855fd2f839adde7cb057c0630");
        assertThat(tickets.recipientHash(EMAIL)).isEqualTo("6036b88ea4f70db341cb8d701c47cbe41a271bc560c3528c2c30b5d7ac3c106e");
        assertThat(tickets.recipientHash(Contact.of(EmailAddress.parse("Siti.Aminah@contoh.my")))).isEqualTo(tickets.recipientHash(EMAIL));
    }
}

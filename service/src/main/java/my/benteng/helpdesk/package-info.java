/**
 * The helpdesk: tickets from citizens (web form, API, inbound e-mail) and the agents who answer them, built
 * so that nothing an outsider types ever reaches a third party. Acknowledgements are a fixed template that
 * carries only the ticket reference, go only to a verified contact and follow RFC 3834; agents' replies are
 * the one deliberate free-text message, sent only to a ticket's verified contact.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Helpdesk",
        allowedDependencies = {"platform", "audit", "messaging", "shield", "shield :: web", "account"})
package my.benteng.helpdesk;

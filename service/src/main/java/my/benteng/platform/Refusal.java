package my.benteng.platform;

/**
 * Why a module will not do what it was asked, in the module's own terms (a ticket that does not exist, a queue that is
 * full), not in HTTP's. A module declares its refusals as one sealed type (records or an enum) implementing this,
 * its services throw them in a {@link RefusedException} or return them in a sealed outcome, and the module's web
 * layer words each one for clients in a {@link RefusalProblems} bean. A refusal carries only what the words need
 * (a retry delay, a server-made id), never the client's input.
 */
public interface Refusal {
}

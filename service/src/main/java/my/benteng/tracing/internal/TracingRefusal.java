package my.benteng.tracing.internal;

import my.benteng.platform.Refusal;

/** Why tracing refuses a case or a question; {@code web.TracingProblems} words each for clients. */
public sealed interface TracingRefusal extends Refusal {

    /** No citizen account has that id or phone number. One case of a batch may end so. */
    record CitizenNotFound() implements TracingRefusal, TracingService.Outcome {
    }

    /**
     * The citizen already has a case whose infectious period overlaps a different one: correct that case
     * ({@code caseId}, made by the server) instead. One case of a batch may end so.
     */
    record CaseExists(String caseId) implements TracingRefusal, TracingService.Outcome {
    }

    /** No case has that id. */
    record CaseNotFound() implements TracingRefusal {
    }

    /** Only citizens have a risk status (a member of staff asked). */
    record NotACitizen() implements TracingRefusal {
    }
}

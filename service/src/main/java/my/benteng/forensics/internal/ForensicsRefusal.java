package my.benteng.forensics.internal;

import my.benteng.platform.Refusal;

/** Why an analyst's request is refused; {@code web.ForensicsProblems} words each. Records carry no input. */
public sealed interface ForensicsRefusal extends Refusal {

    /** The upload had no {@code files} part, or only empty ones. */
    record NoFiles() implements ForensicsRefusal {
    }

    /** More files than one investigation takes. */
    record TooManyFiles(int max) implements ForensicsRefusal {
    }

    /** Too many investigations are waiting or running. */
    record TooManyPending(java.time.Duration retryAfter) implements ForensicsRefusal {
    }

    /** No investigation has that id. */
    record NotFound() implements ForensicsRefusal {
    }

    /** The analysis is not finished, so there is no report yet. */
    record ReportNotReady() implements ForensicsRefusal {
    }
}

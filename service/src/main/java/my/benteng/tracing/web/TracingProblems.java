package my.benteng.tracing.web;

import my.benteng.platform.ProblemWords;
import my.benteng.platform.RefusalProblems;
import my.benteng.tracing.internal.TracingRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Tracing's refusals as clients read them: alone, or as one item of a batch. */
@Component
class TracingProblems implements RefusalProblems<TracingRefusal> {

    @Override
    public ProblemWords words(TracingRefusal refusal) {
        return switch (refusal) {
            case TracingRefusal.CitizenNotFound r -> ProblemWords.of(HttpStatus.NOT_FOUND, "citizen-not-found", "Citizen not found",
                    "No citizen account matches.");
            case TracingRefusal.CaseExists r -> ProblemWords.of(HttpStatus.CONFLICT, "case-exists", "Case exists",
                    "This citizen already has a case with an overlapping infectious period; correct that case instead.")
                    .with("caseId", r.caseId());
            case TracingRefusal.CaseNotFound r -> ProblemWords.of(HttpStatus.NOT_FOUND, "case-not-found", "Case not found", "No such case.");
            case TracingRefusal.NotACitizen r -> ProblemWords.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Only citizens have a risk status.");
        };
    }
}

package my.benteng.forensics.web;

import my.benteng.forensics.internal.ForensicsRefusal;
import my.benteng.platform.ProblemWords;
import my.benteng.platform.RefusalProblems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The forensics module's refusals as analysts read them; never a file name or any other part of the upload. */
@Component
class ForensicsProblems implements RefusalProblems<ForensicsRefusal> {

    @Override
    public ProblemWords words(ForensicsRefusal refusal) {
        return switch (refusal) {
            case ForensicsRefusal.NoFiles r -> ProblemWords.of(HttpStatus.BAD_REQUEST, "no-files", "No files",
                    "Send one or more non-empty 'files' parts (multipart/form-data).");
            case ForensicsRefusal.TooManyFiles r -> ProblemWords.of(HttpStatus.CONTENT_TOO_LARGE, "too-many-files", "Too many files",
                    "One investigation takes at most " + r.max() + " files; open several investigations for more.");
            case ForensicsRefusal.TooManyPending r -> ProblemWords.of(HttpStatus.TOO_MANY_REQUESTS, "investigations-busy", "Too many investigations running",
                    "Wait for running investigations to finish, then retry.").retryAfter(r.retryAfter());
            case ForensicsRefusal.NotFound r -> ProblemWords.of(HttpStatus.NOT_FOUND, "investigation-not-found", "Investigation not found",
                    "No investigation has that id.");
            case ForensicsRefusal.ReportNotReady r -> ProblemWords.of(HttpStatus.CONFLICT, "report-not-ready", "Report not ready",
                    "The analysis has not finished; poll the investigation until its status is COMPLETE.");
        };
    }
}

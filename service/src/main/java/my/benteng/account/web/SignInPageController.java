package my.benteng.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.IssuedSession;
import my.benteng.account.Sessions;
import my.benteng.account.internal.AccountRefusal;
import my.benteng.account.internal.CitizenAccess;
import my.benteng.platform.ClientIp;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.PageSessions;
import my.benteng.platform.RefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.Duration;

/**
 * {@code /sign-in} and {@code /sign-out} for people in a browser (decision 0027): the page proves the mobile number with
 * a {@code LOGIN} code (the shared phone step), posts the verification token here with the CSRF token, and gets the
 * account's session in the pages' session cookie. The same citizen sessions as the API: idle timeout, lifetime and
 * revocation are the account module's.
 */
@Controller
class SignInPageController {

    /** The signed-in person's default destination: premises owners are the people who sign in on the web today. */
    private static final String DEFAULT_NEXT = "/premises/mine";

    private final CitizenAccess access;
    private final Sessions sessions;
    private final PageSessions pageSessions;
    private final Clock clock;

    SignInPageController(CitizenAccess access, Sessions sessions, PageSessions pageSessions, Clock clock) {
        this.access = access;
        this.sessions = sessions;
        this.pageSessions = pageSessions;
        this.clock = clock;
    }

    @GetMapping(path = "/sign-in", produces = MediaType.TEXT_HTML_VALUE)
    String page(@RequestParam(name = "next", required = false) String next, @AuthenticationPrincipal AccountPrincipal caller,
                HttpServletRequest request, Model model) {
        model.addAttribute("next", PageSessions.safeNext(next).orElse(DEFAULT_NEXT));
        model.addAttribute("signedIn", caller != null);
        model.addAttribute("error", null);
        model.addAttribute("phone", null);
        return "account/sign-in";
    }

    @PostMapping(path = "/sign-in", produces = MediaType.TEXT_HTML_VALUE)
    String signIn(@RequestParam(name = "verificationToken", required = false) String token,
                  @RequestParam(name = "next", required = false) String next,
                  @RequestParam(name = "phone", required = false) String phone,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        String destination = PageSessions.safeNext(next).orElse(DEFAULT_NEXT);
        String error;
        if (token == null || token.isBlank()) {
            error = "account.error.verify-first";
        } else {
            try {
                IssuedSession session = access.signIn(token, ClientIp.of(request));
                pageSessions.start(request, response, session.token(), Duration.between(clock.instant(), session.expiresAt()));
                return "redirect:" + destination; // 302 after a POST: the browser follows with a GET
            } catch (InvalidValueException e) {
                error = "account.error.verify-first";
            } catch (RefusedException e) {
                error = e.refusal() instanceof AccountRefusal r ? words(r) : "account.error.failed";
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("next", destination);
        model.addAttribute("signedIn", false);
        model.addAttribute("error", error);
        // the number is put back so that asking for a new code is one click; escaped by the template, at most 20 chars
        model.addAttribute("phone", phone != null && phone.length() <= 20 ? phone : null);
        return "account/sign-in";
    }

    /** Ends the page session (if any) and removes the cookie; CSRF-protected like every form on the pages' chain. */
    @PostMapping("/sign-out")
    String signOut(@AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest request, HttpServletResponse response) {
        if (caller != null) {
            sessions.revoke(caller.sessionId());
        }
        pageSessions.end(request, response);
        return "redirect:/";
    }

    private static String words(AccountRefusal refusal) {
        return switch (refusal) {
            case AccountRefusal.SignInLocked r -> "account.error.busy";
            case AccountRefusal.VerificationUnavailable r -> "account.error.unavailable";
            default -> "account.error.failed";
        };
    }
}

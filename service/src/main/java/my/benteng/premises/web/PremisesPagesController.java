package my.benteng.premises.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.Sessions;
import my.benteng.platform.ClientIp;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.PageSessions;
import my.benteng.platform.RefusedException;
import my.benteng.premises.MalaysianState;
import my.benteng.premises.PremisesCategory;
import my.benteng.premises.PremisesId;
import my.benteng.premises.internal.OwnedPremises;
import my.benteng.premises.internal.PremisesRefusal;
import my.benteng.premises.internal.PremisesService;
import my.benteng.premises.internal.Registration;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The venue owner's pages: {@code /premises/register} (the form, with the shared phone step proving the owner's number
 * by a {@code PREMISES_OWNER} code) and {@code /premises/mine} (their premises, posters, QR revocation, check-ins per
 * day). Signed in by the pages' session cookie (decision 0027); every form carries the CSRF token. Someone else's
 * premises answers exactly like a missing one (404): ids are not confirmed to strangers.
 */
@Controller
class PremisesPagesController {

    /** Days of check-in counts shown per premises. */
    static final int DAYS = 14;
    /** Check-in days are Malaysian calendar days. */
    private static final ZoneId MALAYSIA = ZoneId.of("Asia/Kuala_Lumpur");

    private final PremisesService premises;
    private final PageSessions pageSessions;
    private final Sessions sessions;
    private final Clock clock;

    PremisesPagesController(PremisesService premises, PageSessions pageSessions, Sessions sessions, Clock clock) {
        this.premises = premises;
        this.sessions = sessions;
        this.pageSessions = pageSessions;
        this.clock = clock;
    }

    /** What was typed into the form, to put back when it is shown again with errors (the template escapes it). */
    record Form(String name, String address, String postcode, String state, String category, String phone) {
        static final Form EMPTY = new Form(null, null, null, null, null, null);

        /** Values too long to be anything but an attack are not put back (their error says what is allowed). */
        Form bounded() {
            return new Form(cut(name, 480), cut(address, 1200), cut(postcode, 5), cut(state, 24), cut(category, 24), cut(phone, 20));
        }

        private static String cut(String value, int max) {
            return value == null || value.length() > max ? null : value;
        }
    }

    @GetMapping(path = "/premises/register", produces = MediaType.TEXT_HTML_VALUE)
    String registerPage(@AuthenticationPrincipal AccountPrincipal caller, Model model) {
        return registerForm(model, Form.EMPTY, Map.of(), null, caller != null);
    }

    @PostMapping(path = "/premises/register", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView register(@RequestParam(name = "name", required = false) String name,
                    @RequestParam(name = "address", required = false) String address,
                    @RequestParam(name = "postcode", required = false) String postcode,
                    @RequestParam(name = "state", required = false) String state,
                    @RequestParam(name = "category", required = false) String category,
                    @RequestParam(name = "phone", required = false) String phone,
                    @RequestParam(name = "verificationToken", required = false) String token,
                    @AuthenticationPrincipal AccountPrincipal caller,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        Form form = new Form(name, address, postcode, state, category, phone).bounded();
        String verification = token == null || token.isBlank() || token.length() > 256 ? null : token;
        // fields first, all of them: a typo must neither spend the verification token nor count against the limits
        Map<String, String> errors = new LinkedHashMap<>();
        for (InvalidValueException e : Registration.refusals(blankToNull(name), blankToNull(address), blankToNull(postcode),
                blankToNull(state), blankToNull(category))) {
            errors.put(e.field(), fieldWords(e));
        }
        if (verification == null) {
            errors.put("phone", "premises.error.verify-first");
        }
        if (!errors.isEmpty()) {
            return refusedForm(model, form, errors, verification, caller != null);
        }
        try {
            PremisesService.Registered registered = premises.register(verification,
                    Registration.parse(name, address, postcode, state, category), ClientIp.of(request));
            if (caller != null) {
                // the browser's cookie now names the new session: end the one it replaces rather than leave it alive
                sessions.revoke(caller.sessionId());
            }
            pageSessions.start(request, response, registered.session().token(),
                    Duration.between(clock.instant(), registered.session().expiresAt()));
            return redirect(request, response, "/premises/mine?registered=" + registered.premisesId().value());
        } catch (InvalidValueException e) {
            errors.put("phone", "premises.error.verification");
        } catch (RefusedException e) {
            errors.put("phone", e.refusal() instanceof PremisesRefusal r ? registrationWords(r) : "premises.error.unavailable");
        }
        // the token was spent or refused: the phone step starts again
        return refusedForm(model, form, errors, null, caller != null);
    }

    @GetMapping(path = "/premises/mine", produces = MediaType.TEXT_HTML_VALUE)
    String mine(@RequestParam(name = "registered", required = false) String registered,
                @RequestParam(name = "revoked", required = false) String revoked,
                @AuthenticationPrincipal AccountPrincipal caller, Locale locale, Model model, HttpServletResponse response) {
        List<OwnedPremises> owned = premises.mine(caller);
        Map<PremisesId, Map<LocalDate, Integer>> counts = premises.dailyCheckins(owned, DAYS, MALAYSIA);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE d MMM", locale);
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        List<Card> cards = new ArrayList<>();
        for (OwnedPremises p : owned) {
            Map<LocalDate, Integer> perDay = counts.get(p.id());
            List<Day> days = perDay == null ? null
                    : perDay.entrySet().stream().map(e -> new Day(e.getKey().toString(), e.getKey().format(day), e.getValue())).toList();
            int total = perDay == null ? 0 : perDay.values().stream().mapToInt(Integer::intValue).sum();
            cards.add(new Card(p.id().value(), p.name(), p.address(), p.postcode(), p.state().name(), p.category().name(),
                    p.qrVersion(), p.qrIssuedAt().atZone(MALAYSIA).toLocalDate().format(date), days, total));
        }
        // a notice only for one of the caller's own premises: the query cannot make the page say anything else
        String notice = null;
        if (registered != null && cards.stream().anyMatch(c -> c.id().equals(registered))) {
            notice = "premises.mine.registered";
        } else if (revoked != null && cards.stream().anyMatch(c -> c.id().equals(revoked))) {
            notice = "premises.mine.revoked";
        }
        model.addAttribute("premises", cards);
        model.addAttribute("notice", notice);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return "premises/mine";
    }

    /** One premises on "my premises". {@code days} is null when this deployment counts no check-ins. */
    record Card(String id, String name, String address, String postcode, String state, String category, int qrVersion,
                String qrIssued, List<Day> days, int total) {
    }

    /** Check-ins on one day: ISO date (for {@code <time>}), its words, the count. */
    record Day(String date, String label, int count) {
    }

    @GetMapping("/premises/mine/{id}/poster.png")
    ResponseEntity<byte[]> posterPng(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest http) {
        return poster(premises.poster(id, caller, ClientIp.of(http), PremisesService.PosterFormat.PNG), MediaType.IMAGE_PNG, "poster.png");
    }

    @GetMapping("/premises/mine/{id}/poster.pdf")
    ResponseEntity<byte[]> posterPdf(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest http) {
        return poster(premises.poster(id, caller, ClientIp.of(http), PremisesService.PosterFormat.PDF), MediaType.APPLICATION_PDF, "poster.pdf");
    }

    /** The confirmation step before revoking (a page of its own; "my premises" swaps it in with htmx). */
    @GetMapping(path = "/premises/mine/{id}/revoke", produces = MediaType.TEXT_HTML_VALUE)
    String revokePage(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller, Model model,
                      HttpServletResponse response) {
        OwnedPremises p = premises.owned(id, caller);
        model.addAttribute("premises", Map.of("id", p.id().value(), "name", p.name()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return "premises/revoke";
    }

    /** Revokes the QR code (every printed poster stops working) and issues the next one. */
    @PostMapping("/premises/mine/{id}/revoke")
    ModelAndView revoke(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest request,
                  HttpServletResponse response) {
        premises.reissueQr(id, caller, ClientIp.of(request));
        return redirect(request, response, "/premises/mine?revoked=" + id + "#premises-" + id);
    }

    /** Refusals on these pages answer as pages: someone else's premises is the not-found page, a spent limit says so. */
    @ExceptionHandler(RefusedException.class)
    ModelAndView refused(RefusedException e) {
        if (e.refusal() instanceof PremisesRefusal.TooManyRequests) {
            ModelAndView page = new ModelAndView("premises/problem", Map.of("problem", "premises.problem.busy"));
            page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
            return page;
        }
        ModelAndView page = new ModelAndView("error/not-found");
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }

    private String registerForm(Model model, Form form, Map<String, String> errors, String token, boolean signedIn) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("token", token);
        model.addAttribute("signedIn", signedIn);
        model.addAttribute("states", MalaysianState.values());
        model.addAttribute("categories", PremisesCategory.values());
        return "premises/register";
    }

    /** The form again with its errors: 422, which htmx swaps in too (layout.html's response handling). */
    private ModelAndView refusedForm(Model model, Form form, Map<String, String> errors, String token, boolean signedIn) {
        return new ModelAndView(registerForm(model, form, errors, token, signedIn), model.asMap(), HttpStatus.UNPROCESSABLE_CONTENT);
    }

    /** After a POST: 303 for a plain form, {@code HX-Redirect} for htmx (which would otherwise swap the next page in). */
    private static ModelAndView redirect(HttpServletRequest request, HttpServletResponse response, String target) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", target);
            return new ModelAndView((View) (model, req, res) -> res.setStatus(HttpStatus.NO_CONTENT.value()));
        }
        RedirectView view = new RedirectView(target, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return new ModelAndView(view);
    }

    private static String fieldWords(InvalidValueException e) {
        String rule = e.rule();
        return switch (e.field()) {
            case "state" -> "premises.error.state";
            case "category" -> "premises.error.category";
            case "postcode" -> rule.contains("required") ? "premises.error.postcode.required" : "premises.error.postcode.format";
            default -> "premises.error." + e.field() + (rule.contains("required") ? ".required" : rule.contains("longer") ? ".long" : ".chars");
        };
    }

    private static String registrationWords(PremisesRefusal refusal) {
        return switch (refusal) {
            case PremisesRefusal.VerificationFailed r -> "premises.error.verification";
            case PremisesRefusal.TooManyRequests r -> "premises.error.busy";
            case PremisesRefusal.VerificationUnavailable r -> "premises.error.unavailable";
            case PremisesRefusal.PremisesNotFound r -> "premises.error.unavailable";
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** A fixed file name: the premises name never reaches a header. */
    private static ResponseEntity<byte[]> poster(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(body);
    }
}

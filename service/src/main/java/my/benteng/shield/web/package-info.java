/**
 * The shield's HTTP side: proof-of-work challenges, the operator registry, and {@link my.benteng.shield.web.VerdictProblems},
 * the one wording of a refused {@link my.benteng.shield.Verdict} that the web layers of the modules asking the shield
 * (otp, ekyc, helpdesk) use. Exposed as the named interface {@code shield::web} for that class alone.
 */
@org.springframework.modulith.NamedInterface("web")
package my.benteng.shield.web;

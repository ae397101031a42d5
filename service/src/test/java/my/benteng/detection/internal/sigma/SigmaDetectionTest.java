package my.benteng.detection.internal.sigma;

import org.junit.jupiter.api.Test;

import static my.benteng.detection.internal.sigma.Rules.detection;
import static my.benteng.detection.internal.sigma.Rules.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Field tests, modifiers and condition forms of compiled detection rules. */
class SigmaDetectionTest {

    @Test
    void aMappingIsTheAndOfItsFields() {
        var rule = detection("""
                sel:
                    event.action: authn_login_fail
                    event.outcome: failure
                condition: sel
                """);
        assertThat(rule.matches().test(event("event.action", "authn_login_fail", "event.outcome", "failure"))).isTrue();
        assertThat(rule.matches().test(event("event.action", "authn_login_fail", "event.outcome", "success"))).isFalse();
        assertThat(rule.matches().test(event("event.action", "authn_login_fail"))).isFalse();
    }

    @Test
    void aListOfMappingsIsTheOrOfThem() {
        var rule = detection("""
                sel:
                    - event.action: a
                    - event.reason: r
                condition: sel
                """);
        assertThat(rule.matches().test(event("event.action", "a"))).isTrue();
        assertThat(rule.matches().test(event("event.reason", "r"))).isTrue();
        assertThat(rule.matches().test(event("event.action", "b", "event.reason", "s"))).isFalse();
    }

    @Test
    void aListOfValuesIsTheOrOfTheValues() {
        var rule = detection("""
                sel:
                    event.action: [a, b]
                condition: sel
                """);
        assertThat(rule.matches().test(event("event.action", "b"))).isTrue();
        assertThat(rule.matches().test(event("event.action", "c"))).isFalse();
    }

    @Test
    void textComparesWithoutRegardToCase() {
        var rule = detection("""
                sel:
                    event.action: Authn_Login_FAIL
                condition: sel
                """);
        assertThat(rule.matches().test(event("event.action", "authn_login_fail"))).isTrue();
    }

    @Test
    void containsStartswithAndEndswith() {
        var contains = detection("sel:\n    event.reason|contains: STAFF\ncondition: sel");
        var starts = detection("sel:\n    event.reason|startswith: account.\ncondition: sel");
        var ends = detection("sel:\n    event.reason|endswith: _password\ncondition: sel");
        assertThat(contains.matches().test(event("event.reason", "account.staff.bad_password"))).isTrue();
        assertThat(contains.matches().test(event("event.reason", "account.citizen.no_account"))).isFalse();
        assertThat(starts.matches().test(event("event.reason", "account.staff.bad_password"))).isTrue();
        assertThat(starts.matches().test(event("event.reason", "otp.account."))).isFalse();
        assertThat(ends.matches().test(event("event.reason", "account.staff.bad_password"))).isTrue();
        assertThat(ends.matches().test(event("event.reason", "_password.x"))).isFalse();
        assertThat(ends.matches().test(event("event.reason", "word"))).isFalse();
    }

    @Test
    void containsAllNeedsEveryValue() {
        var rule = detection("""
                sel:
                    event.reason|contains|all: [staff, password]
                condition: sel
                """);
        assertThat(rule.matches().test(event("event.reason", "account.staff.bad_password"))).isTrue();
        assertThat(rule.matches().test(event("event.reason", "account.staff.bad_totp"))).isFalse();
    }

    @Test
    void numericComparisons() {
        String[][] cases = {{"gt", "5", "6", "5"}, {"gte", "5", "5", "4"}, {"lt", "5", "4", "5"}, {"lte", "5", "5", "6"}};
        for (String[] c : cases) {
            var rule = detection("sel:\n    labels.count|" + c[0] + ": " + c[1] + "\ncondition: sel");
            assertThat(rule.matches().test(event("labels.count", c[2]))).as(c[0] + " hit").isTrue();
            assertThat(rule.matches().test(event("labels.count", c[3]))).as(c[0] + " miss").isFalse();
            assertThat(rule.matches().test(event("labels.count", "many"))).as(c[0] + " text").isFalse();
            assertThat(rule.matches().test(event())).as(c[0] + " absent").isFalse();
        }
        var decimal = detection("sel:\n    labels.count|gte: 0.5\ncondition: sel");
        assertThat(decimal.matches().test(event("labels.count", "0.75"))).isTrue();
        assertThat(decimal.matches().test(event("labels.count", "-1"))).isFalse();
    }

    @Test
    void cidrMatchesIpv4AndIpv6Networks() {
        var rule = detection("""
                sel:
                    source.ip|cidr: [198.51.100.0/24, '2001:db8::/32']
                condition: sel
                """);
        assertThat(rule.matches().test(event("source.ip", "198.51.100.77"))).isTrue();
        assertThat(rule.matches().test(event("source.ip", "198.51.101.1"))).isFalse();
        assertThat(rule.matches().test(event("source.ip", "2001:db8:1::5"))).isTrue();
        assertThat(rule.matches().test(event("source.ip", "2001:db9::5"))).isFalse();
        assertThat(rule.matches().test(event("source.ip", "999.51.100.1"))).isFalse();
        assertThat(rule.matches().test(event("source.ip", "example.org"))).isFalse();
    }

    @Test
    void equalityOfNumbersAndBooleans() {
        var rule = detection("sel:\n    labels.count: 3\n    labels.verified: true\ncondition: sel");
        assertThat(rule.matches().test(event("labels.count", "3", "labels.verified", "true"))).isTrue();
        assertThat(rule.matches().test(event("labels.count", "3", "labels.verified", "false"))).isFalse();
    }

    @Test
    void nullMatchesAnAbsentOrEmptyField() {
        var rule = detection("""
                sel:
                    event.action: a
                nouser:
                    user.id: null
                condition: sel and nouser
                """);
        assertThat(rule.matches().test(event("event.action", "a"))).isTrue();
        assertThat(rule.matches().test(event("event.action", "a", "user.id", ""))).isTrue();
        assertThat(rule.matches().test(event("event.action", "a", "user.id", "staff:1"))).isFalse();
    }

    @Test
    void escapedWildcardsAreLiteral() {
        var rule = detection("sel:\n    event.reason: 'a\\*b'\ncondition: sel");
        assertThat(rule.matches().test(event("event.reason", "a*b"))).isTrue();
        assertThat(rule.matches().test(event("event.reason", "axxb"))).isFalse();
    }

    @Test
    void andOrNotWithPrecedenceAndParentheses() {
        String selections = """
                a:
                    event.action: a
                b:
                    event.outcome: b
                c:
                    event.reason: c
                """;
        // not binds tighter than and, and tighter than or: a or b and not c == a or (b and (not c))
        var plain = detection(selections + "condition: a or b and not c");
        assertThat(plain.matches().test(event("event.action", "a", "event.reason", "c"))).isTrue();
        assertThat(plain.matches().test(event("event.outcome", "b", "event.reason", "c"))).isFalse();
        assertThat(plain.matches().test(event("event.outcome", "b"))).isTrue();
        var grouped = detection(selections + "condition: (a or b) and not c");
        assertThat(grouped.matches().test(event("event.action", "a", "event.reason", "c"))).isFalse();
        assertThat(grouped.matches().test(event("event.action", "a"))).isTrue();
    }

    @Test
    void oneOfAndAllOfPatternsAndThem() {
        String selections = """
                sel_a:
                    event.action: a
                sel_b:
                    event.outcome: b
                _filter:
                    event.reason: r
                """;
        var oneOf = detection(selections + "condition: 1 of sel_*");
        var allOf = detection(selections + "condition: all of sel_*");
        var allOfThem = detection(selections + "condition: all of them");
        var oneOfThemNotFilter = detection(selections + "condition: 1 of them and not _filter");
        assertThat(oneOf.matches().test(event("event.outcome", "b"))).isTrue();
        assertThat(allOf.matches().test(event("event.outcome", "b"))).isFalse();
        assertThat(allOf.matches().test(event("event.action", "a", "event.outcome", "b"))).isTrue();
        // 'them' leaves out names that start with '_'
        assertThat(allOfThem.matches().test(event("event.action", "a", "event.outcome", "b"))).isTrue();
        assertThat(oneOfThemNotFilter.matches().test(event("event.action", "a", "event.reason", "r"))).isFalse();
        assertThat(oneOfThemNotFilter.matches().test(event("event.action", "a"))).isTrue();
    }

    @Test
    void aListOfConditionsIsTheirOr() {
        var rule = detection("""
                a:
                    event.action: a
                b:
                    event.outcome: b
                condition:
                    - a
                    - b
                """);
        assertThat(rule.matches().test(event("event.outcome", "b"))).isTrue();
        assertThat(rule.matches().test(event("event.reason", "x"))).isFalse();
    }

    @Test
    void attackIdsComeFromTheTags() {
        var rule = (SigmaRule.Detection) Rules.parser().parse("t.yml", """
                title: t
                id: r1
                level: medium
                tags: [attack.credential_access, attack.t1110.003, attack.t1078]
                logsource: {product: benteng}
                detection:
                    sel: {event.action: a}
                    condition: sel
                """).getFirst();
        assertThat(rule.info().attack()).containsExactly("T1110.003", "T1078");
        assertThat(rule.info().level()).isEqualTo(my.benteng.detection.Level.MEDIUM);
        assertThat(rule.info().enabled()).isTrue();
    }

    @Test
    void theActionsARuleCanMatchAreDerivedConservatively() {
        String selections = """
                sel_a:
                    event.action: [Authn_Login_Fail, authn_login_lock]
                sel_b:
                    event.action: sensitive_read
                    event.reason: r
                other:
                    event.outcome: failure
                """;
        assertThat(detection(selections + "condition: sel_a").actions()).containsExactlyInAnyOrder("authn_login_fail", "authn_login_lock");
        assertThat(detection(selections + "condition: sel_a and not other").actions()).containsExactlyInAnyOrder("authn_login_fail",
                "authn_login_lock");
        assertThat(detection(selections + "condition: 1 of sel_*").actions()).containsExactlyInAnyOrder("authn_login_fail",
                "authn_login_lock", "sensitive_read");
        assertThat(detection(selections + "condition: all of sel_*").actions()).isEmpty();
        assertThat(detection(selections + "condition: other and (sel_b or sel_a)").actions()).hasSize(3);
        assertThat(detection(selections + "condition: sel_a or other").actions()).isNull();
        assertThat(detection(selections + "condition: other").actions()).isNull();
        assertThat(detection("sel:\n    event.action|startswith: authn_\ncondition: sel").actions()).isNull();
    }
}

package io.meshplate.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a descriptor author reads: the real mistake named first and once, and hints whose
 * proposed fix is itself valid.
 */
class DescriptorMessagesTest {
  private static final Pattern EXAMPLE = Pattern.compile("e\\.g\\. `([^`]+)`");

  private static Object tree(String spec) {
    return StrictYaml.read("t.yaml", "apiVersion: meshplate.io/v1alpha1\nkind: Tenant\nmetadata: {name: t}\nspec:\n"
        + spec, YamlLimits.DESCRIPTOR).root();
  }

  @Test
  void aMisspeltRequiredFieldIsReportedOnceAsTheTypo() {
    List<Finding> findings = DescriptorSchema.validate(tree(
        "  services:\n    - name: web\n      ports: [{name: http, port: 8080, protcol: HTTP}]\n"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("SCHEMA-UNKNOWN-FIELD");
      assertThat(f.pointer()).isEqualTo("/spec/services/0/ports/0/protcol");
      assertThat(f.message()).contains("`protcol`", "required field `protocol` is missing");
      assertThat(f.hint()).isEqualTo("did you mean `protocol`?");
    });
  }

  @Test
  void anUnrelatedUnknownFieldLeavesTheMissingFieldReported() {
    List<Finding> findings = DescriptorSchema.validate(tree(
        "  services:\n    - name: web\n      ports: [{name: http, port: 8080, colour: blue}]\n"));

    assertThat(findings).extracting(Finding::rule).containsExactlyInAnyOrder("SCHEMA-REQUIRED", "SCHEMA-UNKNOWN-FIELD");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "https://api.stripe.com/v1 # is a URL         # `api.stripe.com`",
      "api.stripe.com:443        # includes a port  # `port: 443`",
      "host:443                  # includes a port  # `port: 443`",
      "{{host}}                  # template syntax  # literal host",
      "${host}.example.com       # template syntax  # literal host",
      "[::1]                     # IPv6 address     # DNS name",
      "shop|admin                # `|`              # its own entry",
      "a,b.example.com           # `,`              # its own entry",
      "api.stripe.com/v1         # contains a path  # `api.stripe.com`",
      "Api.Stripe.com            # upper-case       # `api.stripe.com`",
      "api_x.example.com         # `_`              # '-'",
      "api                       # DNS search path  # full name",
  })
  void hostsSayWhatIsActuallyWrong(String host, String says, String hint) {
    NameRules.Violation violation = HostNames.check(host, true).orElseThrow();

    assertThat(violation.message()).contains(says).doesNotContain("an IP address").doesNotContain("not fully qualified");
    assertThat(violation.hint()).contains(hint);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://Api_X.com/v1", "Bad_Host:443", "HTTPS://X/"})
  void aHostHintNeverProposesAnInvalidHost(String host) {
    NameRules.Violation violation = HostNames.check(host, true).orElseThrow();
    Matcher quoted = Pattern.compile("`([^`]*)`").matcher(violation.hint());
    while (quoted.find()) {
      String proposed = quoted.group(1);
      if (proposed.contains(".")) {
        assertThat(HostNames.check(proposed, true)).as(proposed + " proposed in: " + violation.hint()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Null", "Team-A", "Bad_Name", "Kube-System", "YES", "Argocd-X", "__", "ÄBC", "Web--Shop-"})
  void aNameHintNeverProposesAnInvalidName(String name) {
    SemanticChecks checks = new SemanticChecks(new ReferenceIndex(), PlatformConfig.defaults());
    List<Finding> findings = new ArrayList<>();
    checks.tenantName(name, "/metadata/name", findings);

    assertThat(findings).isNotEmpty();
    for (Finding finding : findings) {
      Matcher example = EXAMPLE.matcher(String.valueOf(finding.hint()));
      while (example.find()) {
        List<Finding> again = new ArrayList<>();
        checks.tenantName(example.group(1), "/metadata/name", again);
        assertThat(again).as(example.group(1) + " proposed for " + name).isEmpty();
      }
      assertThat(String.valueOf(finding.hint())).doesNotContain("`null`", "`yes`", "`kube-system`");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "123", "null", "1e3"})
  void aTypeHintNeverProposesQuotingIntoAnInvalidName(String written) {
    List<Finding> findings = DescriptorSchema.validate(tree(
        "  services:\n    - name: " + written + "\n      ports: [{name: http, port: 8080, protocol: HTTP}]\n"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("SCHEMA-TYPE");
      assertThat(f.hint()).doesNotContain("quote it").contains("starting with a letter");
    });
  }

  @Test
  void aFileNameThatIsNoValidTenantNameIsNeverProposedAsTheName() {
    SemanticChecks checks = new SemanticChecks(new ReferenceIndex(), PlatformConfig.defaults());

    List<Finding> findings = checks.check("Team-A",
        StrictYaml.read("Team-A.yaml", "metadata: {name: team-a}\nspec: {}\n", YamlLimits.DESCRIPTOR).root());

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("NAME-FILE-MISMATCH");
      assertThat(f.hint()).contains("rename the file to `team-a.yaml`").doesNotContain("name: Team-A");
    });
  }

  @Test
  void aServiceNameMustStartWithALetterButStaysAUsableReference() {
    SemanticChecks checks = new SemanticChecks(new ReferenceIndex(), PlatformConfig.defaults());
    Object descriptor = StrictYaml.read("t.yaml", """
        metadata: {name: t}
        spec:
          services:
            - name: 2fa
              ports: [{name: http, port: 8080, protocol: HTTP}]
              allow: [{from: {ingress: true}}]
          ingress: {hosts: [{name: t, service: 2fa}]}
        """, YamlLimits.DESCRIPTOR).root();

    assertThat(checks.check("t", descriptor)).extracting(Finding::rule).containsExactly("NAME-DNS1035");
  }

  @Test
  void istioPortsAreRefusedAsServicePortsAndIngressTargets() {
    SemanticChecks checks = new SemanticChecks(new ReferenceIndex(), PlatformConfig.defaults());
    Object descriptor = StrictYaml.read("t.yaml", """
        metadata: {name: t}
        spec:
          services:
            - name: web
              ports: [{name: http, port: 8080, protocol: HTTP}, {name: admin, port: 15000, protocol: HTTP}]
          ingress: {hosts: [{name: t, service: web, port: 15000}]}
        """, YamlLimits.DESCRIPTOR).root();

    assertThat(checks.check("t", descriptor)).extracting(Finding::rule, Finding::pointer).containsExactly(
        Tuple.tuple("PORT-RESERVED", "/spec/services/0/ports/1/port"),
        Tuple.tuple("PORT-RESERVED", "/spec/ingress/hosts/0/port"));
    for (int port : new int[] {15000, 15001, 15004, 15006, 15008, 15009, 15010, 15012, 15014, 15017, 15020, 15021,
        15053, 15090}) {
      assertThat(IstioPorts.use((long) port)).as("port " + port).isPresent();
    }
    assertThat(IstioPorts.use(15443L)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Équipe Paiements — ✓", "決済チーム", "Zahlungen ✓ 💳", "👩‍💻 on call", "x\u00A0y"})
  void freeTextMayBeAnyPrintableUnicode(String text) {
    assertThat(FreeText.whyRefused(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a\u202Eb      | U+202E (RIGHT-TO-LEFT OVERRIDE) | bidirectional",
      "a\u2066b      | U+2066                          | bidirectional",
      "a\u200Bb      | U+200B (ZERO WIDTH SPACE)       | invisible",
      "a\u200Db      | U+200D                          | invisible",
      "a\u0007b      | U+0007                          | control",
      "a\u2028b      | U+2028                          | line separator",
      "a\u3164b      | U+3164                          | filler",
      "a\uE000b      | U+E000                          | without a defined visible form",
  })
  void controlBidiAndInvisibleCharactersAreRefusedSayingWhichAndWhy(String text, String which, String why) {
    assertThat(FreeText.whyRefused(text)).get().asString().contains(which, why, "at character 2");
  }
}

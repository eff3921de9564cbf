package io.meshplate.descriptor;

import static io.meshplate.descriptor.CliRun.utf8;
import static io.meshplate.descriptor.Fixtures.LEDGER;
import static io.meshplate.descriptor.Fixtures.SHOP;
import static io.meshplate.descriptor.Fixtures.shopNamed;
import static io.meshplate.descriptor.Fixtures.shopWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of broken descriptors: each is written next to a valid {@code ledger.yaml}, run
 * through {@code meshplate validate}, and must fail with exit 3 and the expected
 * {@code file:line:column: RULE-ID} line.
 */
class BadDescriptorsTest {

  /** One broken input: the files to write and the start of the problem line it must produce. */
  record Case(String description, Map<String, byte[]> files, String expected) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Case shop(String description, String shopText, String expected) {
    return file(description, "tenants/shop.yaml", utf8(shopText), expected);
  }

  static Case file(String description, String path, byte[] content, String expected) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("tenants/ledger.yaml", utf8(LEDGER));
    files.put(path, content);
    return new Case(description, files, expected);
  }

  static Case named(String description, String name, String expected) {
    return file(description, "tenants/" + name + ".yaml", utf8(shopNamed(name)), expected);
  }

  static Stream<Case> cases() {
    String deep = "[".repeat(30) + "]".repeat(30);
    return Stream.of(
        // YAML structure and limits
        shop("duplicate key", shopWith("  owners: [\"@acme/shop\"]\n",
            "  owners: [\"@acme/shop\"]\n  owners: [\"@acme/other\"]\n"),
            "tenants/shop.yaml:7:3: YAML-DUPLICATE-KEY"),
        shop("anchor", shopWith("  owners: [", "  owners: &o ["), "tenants/shop.yaml:6:11: YAML-ANCHOR"),
        shop("alias", shopWith("tracingPercent: 5", "tracingPercent: *five"), "tenants/shop.yaml:24:21: YAML-ALIAS"),
        shop("merge key", shopWith("    accessLog: errors\n", "    <<: {accessLog: all}\n"),
            "tenants/shop.yaml:23:5: YAML-MERGE-KEY"),
        shop("explicit tag", shopWith("tracingPercent: 5", "tracingPercent: !!int \"5\""),
            "tenants/shop.yaml:24:21: YAML-TAG"),
        shop("second document", SHOP + "---\n" + SHOP, "tenants/shop.yaml:25:1: YAML-MULTI-DOCUMENT"),
        shop("nesting too deep", shopWith("  calls:\n", "  deep: " + deep + "\n  calls:\n"),
            "tenants/shop.yaml:15:27: YAML-TOO-DEEP"),
        shop("file too large", SHOP + "#" + "x".repeat(300 * 1024) + "\n", "tenants/shop.yaml:1:1: YAML-TOO-LARGE"),
        shop("scalar too long", shopWith("@acme/shop", "@acme/" + "s".repeat(5000)),
            "tenants/shop.yaml:6:12: YAML-SCALAR-TOO-LONG"),
        shop("syntax error", shopWith("  owners: [\"@acme/shop\"]\n", "  owners: [\"@acme/shop\"\n"),
            "tenants/shop.yaml:6:11: YAML-SYNTAX"),
        shop("empty file", "", "tenants/shop.yaml:1:1: YAML-EMPTY"),
        shop("only a comment", "# nothing here\n", "tenants/shop.yaml:1:1: YAML-EMPTY"),
        file("invalid UTF-8", "tenants/shop.yaml",
            new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'},
            "tenants/shop.yaml:1:1: YAML-ENCODING"),
        file(".yml extension", "tenants/shop.yml", utf8(SHOP), "tenants/shop.yml:1:1: DESCRIPTOR-EXTENSION"),
        shop("a list instead of a map", "- apiVersion: meshplate.io/v1alpha1\n", "tenants/shop.yaml:1:1: SCHEMA-TYPE"),
        // wrong types and implicit typing traps
        shop("quoted port", shopWith("port: 8080", "port: \"8080\""), "tenants/shop.yaml:10:30: SCHEMA-TYPE"),
        shop("octal-looking port stays a string", shopWith("port: 8080", "port: 0755"),
            "tenants/shop.yaml:10:30: SCHEMA-TYPE"),
        shop("port with a decimal point", shopWith("port: 8080", "port: 8080.0"), "tenants/shop.yaml:10:30: SCHEMA-TYPE"),
        shop("accessLog: no is a string, not off", shopWith("accessLog: errors", "accessLog: no"),
            "tenants/shop.yaml:23:16: SCHEMA-ENUM"),
        shop("ingress: yes is a string, not true", shopWith("from: {tenant: ledger, service: db}", "from: {ingress: yes}"),
            "tenants/shop.yaml:12:27: SCHEMA-CONST"),
        shop("quoted tracing percent", shopWith("tracingPercent: 5", "tracingPercent: \"5\""),
            "tenants/shop.yaml:24:21: SCHEMA-TYPE"),
        shop("number as tenant name", shopWith("  name: shop\n", "  name: 123\n"), "tenants/shop.yaml:4:9: SCHEMA-TYPE"),
        shop("string instead of list", shopWith("  owners: [\"@acme/shop\"]", "  owners: \"@acme/shop\""),
            "tenants/shop.yaml:6:11: SCHEMA-TYPE"),
        shop("boolean instead of a map", shopWith("  telemetry:\n    accessLog: errors\n    tracingPercent: 5\n",
            "  telemetry: true\n"), "tenants/shop.yaml:22:14: SCHEMA-TYPE"),
        named("tenant named no", "no", "tenants/no.yaml:4:9: NAME-AMBIGUOUS"),
        named("tenant named on", "on", "tenants/on.yaml:4:9: NAME-AMBIGUOUS"),
        shop("port out of range", shopWith("port: 8080", "port: 70000"), "tenants/shop.yaml:10:30: SCHEMA-RANGE"),
        shop("port zero", shopWith("port: 443", "port: 0"), "tenants/shop.yaml:18:37: SCHEMA-RANGE"),
        shop("tracing above 100", shopWith("tracingPercent: 5", "tracingPercent: 100.5"),
            "tenants/shop.yaml:24:21: SCHEMA-RANGE"),
        shop("unknown protocol", shopWith("protocol: HTTP}", "protocol: HTTPS}"), "tenants/shop.yaml:10:46: SCHEMA-ENUM"),
        shop("lower-case method", shopWith("methods: [GET]", "methods: [get]"), "tenants/shop.yaml:13:21: SCHEMA-ENUM"),
        shop("unknown tls mode", shopWith("tls: originate", "tls: none"), "tenants/shop.yaml:18:47: SCHEMA-ENUM"),
        shop("wrong apiVersion", shopWith("meshplate.io/v1alpha1", "meshplate.io/v1"), "tenants/shop.yaml:1:13: SCHEMA-CONST"),
        shop("wrong kind", shopWith("kind: Tenant", "kind: tenant"), "tenants/shop.yaml:2:7: SCHEMA-CONST"),
        shop("missing ports", shopWith("      ports:\n        - {name: http, port: 8080, protocol: HTTP}\n", ""),
            "tenants/shop.yaml:8:7: SCHEMA-REQUIRED"),
        shop("missing metadata", shopWith("metadata:\n  name: shop\n", ""), "tenants/shop.yaml:1:1: SCHEMA-REQUIRED"),
        shop("empty owners", shopWith("[\"@acme/shop\"]", "[]"), "tenants/shop.yaml:6:11: SCHEMA-EMPTY-LIST"),
        shop("owner without @", shopWith("@acme/shop", "acme/shop"), "tenants/shop.yaml:6:12: SCHEMA-PATTERN"),
        shop("from with both forms", shopWith("from: {tenant: ledger, service: db}",
            "from: {tenant: ledger, service: db, ingress: true}"), "tenants/shop.yaml:12:47: SCHEMA-UNKNOWN-FIELD"),
        shop("empty from", shopWith("from: {tenant: ledger, service: db}", "from: {}"), "tenants/shop.yaml:12:17: SCHEMA-ONE-OF"),
        // unknown keys
        shop("misspelt tracingPercent", shopWith("tracingPercent: 5", "tracingPercnt: 5"),
            "tenants/shop.yaml:24:5: SCHEMA-UNKNOWN-FIELD"),
        shop("port instead of ports", shopWith("      ports:\n", "      port:\n"), "tenants/shop.yaml:9:7: SCHEMA-UNKNOWN-FIELD"),
        shop("raw policy field", shopWith("  calls:\n", "  mtlsMode: PERMISSIVE\n  calls:\n"),
            "tenants/shop.yaml:15:3: SCHEMA-UNKNOWN-FIELD"),
        shop("owners in an override", SHOP + "  environmentOverrides:\n    prod: {owners: [\"@acme/x\"]}\n",
            "tenants/shop.yaml:26:12: SCHEMA-UNKNOWN-FIELD"),
        // paths: positive matching only
        shop("path with ..", shopWith("[/v1/items/*]", "[/v1/../admin]"), "tenants/shop.yaml:14:19: SCHEMA-PATTERN"),
        shop("path with inner *", shopWith("[/v1/items/*]", "[\"/v1/*/items\"]"), "tenants/shop.yaml:14:19: SCHEMA-PATTERN"),
        shop("relative path", shopWith("[/v1/items/*]", "[v1/items]"), "tenants/shop.yaml:14:19: SCHEMA-PATTERN"),
        shop("regex path", shopWith("[/v1/items/*]", "[\"/v1/(a|b)\"]"), "tenants/shop.yaml:14:19: SCHEMA-PATTERN"),
        shop("suffix match", shopWith("[/v1/items/*]", "[\"*/items\"]"), "tenants/shop.yaml:14:19: SCHEMA-PATTERN"),
        // names
        named("upper-case tenant name", "Shop", "tenants/Shop.yaml:4:9: NAME-DNS1123"),
        named("trailing dash", "shop-", "tenants/shop-.yaml:4:9: NAME-DNS1123"),
        named("64 characters", "s".repeat(64), "tenants/" + "s".repeat(64) + ".yaml:4:9: NAME-DNS1123"),
        shop("Kelvin sign look-alike", shopWith("  name: shop\n", "  name: \"\\u212Aube-system\"\n"),
            "tenants/shop.yaml:4:9: NAME-DNS1123: tenant name `\\u212Aube-system`"),
        shop("trailing newline from a block scalar", shopWith("  name: shop\n", "  name: |\n    shop\n"),
            "tenants/shop.yaml:4:9: NAME-DNS1123"),
        shop("underscore", shopWith("- name: web", "- name: web_1"), "tenants/shop.yaml:8:13: NAME-DNS1123"),
        named("reserved namespace", "default", "tenants/default.yaml:4:9: NAME-RESERVED"),
        named("reserved kube- prefix", "kube-tools", "tenants/kube-tools.yaml:4:9: NAME-RESERVED"),
        named("reserved openshift- prefix", "openshift-shop", "tenants/openshift-shop.yaml:4:9: NAME-RESERVED"),
        named("reserved istio-system", "istio-system", "tenants/istio-system.yaml:4:9: NAME-RESERVED"),
        file("name differs from file name", "tenants/store.yaml", utf8(SHOP), "tenants/store.yaml:4:9: NAME-FILE-MISMATCH"),
        shop("port name too long", shopWith("name: http,", "name: http-internal-api,"), "tenants/shop.yaml:10:18: PORT-NAME"),
        shop("duplicate service", shopWith("  calls:\n", "    - {name: web, ports: [{name: http, port: 80, protocol: HTTP}]}\n  calls:\n"),
            "tenants/shop.yaml:15:14: SERVICE-DUPLICATE"),
        shop("duplicate port", shopWith("protocol: HTTP}\n", "protocol: HTTP}\n        - {name: web, port: 8080, protocol: HTTP}\n"),
            "tenants/shop.yaml:11:29: PORT-DUPLICATE"),
        // references
        shop("calls an unknown tenant", shopWith("  - {tenant: ledger, service: db}", "  - {tenant: ledgr, service: db}"),
            "tenants/shop.yaml:16:16: REF-UNKNOWN-TENANT"),
        shop("calls an unknown service", shopWith("  - {tenant: ledger, service: db}", "  - {tenant: ledger, service: api}"),
            "tenants/shop.yaml:16:33: REF-UNKNOWN-SERVICE"),
        shop("allows an unknown tenant", shopWith("from: {tenant: ledger,", "from: {tenant: nobody,"),
            "tenants/shop.yaml:12:26: REF-UNKNOWN-TENANT"),
        shop("allows an unknown service of itself", shopWith("from: {tenant: ledger, service: db}", "from: {tenant: shop, service: cart}"),
            "tenants/shop.yaml:12:41: REF-UNKNOWN-SERVICE"),
        shop("ingress to an unknown service", shopWith("service: web}", "service: api}"), "tenants/shop.yaml:21:31: INGRESS-UNKNOWN-SERVICE"),
        shop("ingress to an unknown port", shopWith("service: web}", "service: web, port: 9090}"),
            "tenants/shop.yaml:21:42: INGRESS-UNKNOWN-PORT"),
        shop("egress wildcard", shopWith("host: api.example.com", "host: \"*.example.com\""), "tenants/shop.yaml:18:14: EGRESS-HOST"),
        shop("egress bare *", shopWith("host: api.example.com", "host: \"*\""), "tenants/shop.yaml:18:14: EGRESS-HOST"),
        shop("egress IP address", shopWith("host: api.example.com", "host: 10.1.2.3"), "tenants/shop.yaml:18:14: EGRESS-HOST"),
        shop("egress single label", shopWith("host: api.example.com", "host: api"), "tenants/shop.yaml:18:14: EGRESS-HOST"),
        shop("methods on a TCP-only service", shopWith("protocol: HTTP}", "protocol: TCP}"),
            "tenants/shop.yaml:13:11: ALLOW-L7-ON-TCP"),
        shop("methods on a rule that also covers a TLS port", shopWith("protocol: HTTP}",
                "protocol: HTTP}\n        - {name: admin, port: 8443, protocol: TLS}"),
            "tenants/shop.yaml:14:11: ALLOW-L7-ON-TCP: `methods` cannot apply to port `admin` (TLS): Istio never"
                + " matches HTTP fields on TCP or TLS traffic, so this rule would admit nothing there (limit the rule"
                + " to HTTP ports with `ports: [http]`; a second rule without `methods` can cover the other ports)"),
        shop("rule names its TLS port next to methods", shopWith("protocol: HTTP}\n      allow:\n        - from: {tenant: ledger, service: db}",
                "protocol: HTTP}\n        - {name: admin, port: 8443, protocol: TLS}\n      allow:\n"
                    + "        - from: {tenant: ledger, service: db}\n          ports: [http, admin]"),
            "tenants/shop.yaml:15:11: ALLOW-L7-ON-TCP: `methods` cannot apply to port `admin` (TLS): Istio never"
                + " matches HTTP fields on TCP or TLS traffic, so this rule would admit nothing there (take `admin` out of"
                + " `ports`; a second rule without `methods` can cover the other ports)"),
        shop("rule names a port the service lacks", shopWith("methods: [GET]", "ports: [https]\n          methods: [GET]"),
            "tenants/shop.yaml:13:19: ALLOW-UNKNOWN-PORT: the service has no port named `https`"),
        shop("override breaks a reference", SHOP + "  environmentOverrides:\n    prod:\n      ingress: {hosts: [{name: shop, service: api}]}\n",
            "tenants/shop.yaml:27:47: INGRESS-UNKNOWN-SERVICE"),
        shop("override keeps base valid, merged invalid", SHOP + "  environmentOverrides:\n    prod:\n      services: [{name: api, ports: [{name: http, port: 80, protocol: HTTP}]}]\n",
            "tenants/shop.yaml:21:31: INGRESS-UNKNOWN-SERVICE: this tenant has no service `web` (with the `prod` environment override)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsWithPositionedRule(Case bad, @TempDir Path root) {
    CliRun.write(root, bad.files());

    CliRun result = CliRun.run(root, "validate");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
    assertThat(result.err().lines()).as(result.err()).anyMatch(line -> line.startsWith(bad.expected()));
    assertThat(result.out()).isEmpty();
  }
}

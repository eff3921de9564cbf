package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists whose order means nothing are written sorted: reordering methods, paths, allow rules,
 * services, ports, calls, egress and ingress hosts (and their paths) in a descriptor changes no
 * output byte, so a diff shows only real changes.
 */
class SetOrderTest {
  @TempDir Path dir;

  @Test
  void reorderingSetLikeListsChangesNoOutputByte() throws IOException {
    SortedMap<String, String> asWritten = render(copy("as-written"));
    Path reordered = copy("reordered");
    edit(reordered, "payments.yaml",
        "methods: [GET, POST]", "methods: [POST, GET]",
        "paths: [/v1/payments, /v1/payments/*]", "paths: [/v1/payments/*, /v1/payments]",
        "    - {tenant: ledger, service: ledger}\n    - {tenant: notifications, service: sender}",
        "    - {tenant: notifications, service: sender}\n    - {tenant: ledger, service: ledger}");
    edit(reordered, "identity.yaml",
        "paths: [/login, /login/*, /oauth2/*, /.well-known/*]", "paths: [/.well-known/*, /oauth2/*, /login/*, /login]",
        "paths: [/login, /oauth2, /.well-known]", "paths: [/oauth2, /.well-known, /login]",
        "        - {name: http, port: 8080, protocol: HTTP}\n        - {name: https-admin, port: 8443, protocol: TLS}",
        "        - {name: https-admin, port: 8443, protocol: TLS}\n        - {name: http, port: 8080, protocol: HTTP}",
        "      - {name: login, service: auth, port: 8080, paths: [/oauth2, /.well-known, /login]}\n"
            + "      - {name: id.acme.example, service: auth, port: 8080}",
        "      - {name: id.acme.example, service: auth, port: 8080}\n"
            + "      - {name: login, service: auth, port: 8080, paths: [/oauth2, /.well-known, /login]}");
    edit(reordered, "reporting.yaml",
        "    - {tenant: payments, service: api}\n    - {tenant: ledger, service: ledger}\n    - {tenant: catalog, service: api}",
        "    - {tenant: catalog, service: api}\n    - {tenant: ledger, service: ledger}\n    - {tenant: payments, service: api}");
    swapAllowRules(reordered);

    assertThat(render(reordered)).isEqualTo(asWritten);
  }

  @Test
  void aServicesFirstPortStillDecidesTheDefaultIngressTarget() throws IOException {
    Path project = copy("first-port");
    edit(project, "identity.yaml",
        "      - {name: id.acme.example, service: auth, port: 8080}", "      - {name: id.acme.example, service: auth}");
    SortedMap<String, String> before = render(project);
    edit(project, "identity.yaml",
        "        - {name: http, port: 8080, protocol: HTTP}\n        - {name: https-admin, port: 8443, protocol: TLS}",
        "        - {name: https-admin, port: 8443, protocol: TLS}\n        - {name: http, port: 8080, protocol: HTTP}");

    assertThat(render(project).get("prod/tenants/identity/ingress.yaml"))
        .isNotEqualTo(before.get("prod/tenants/identity/ingress.yaml")).contains("number: 8443");
  }

  /** payments/api allows storefront then reporting; swap the two rules. */
  private static void swapAllowRules(Path project) throws IOException {
    Path file = project.resolve("tenants/payments.yaml");
    String text = Files.readString(file);
    String first = "        - from: {tenant: storefront, service: web}\n          methods: [POST, GET]\n"
        + "          paths: [/v1/payments/*, /v1/payments]\n";
    String second = "        - from: {tenant: reporting, service: exporter}\n          methods: [GET]\n"
        + "          paths: [/v1/settlements/*]\n";
    assertThat(text).contains(first + second);
    Files.writeString(file, text.replace(first + second, second + first));
  }

  private Path copy(String name) {
    Path root = dir.resolve(name);
    TestFiles.copy(Path.of("templates"), root.resolve("templates"));
    TestFiles.copy(Path.of("tenants"), root.resolve("tenants"));
    return root;
  }

  private static void edit(Path project, String tenant, String... replacements) throws IOException {
    Path file = project.resolve("tenants").resolve(tenant);
    String text = Files.readString(file);
    for (int i = 0; i < replacements.length; i += 2) {
      assertThat(text).as(tenant).contains(replacements[i]);
      text = text.replace(replacements[i], replacements[i + 1]);
    }
    Files.writeString(file, text);
  }

  private static SortedMap<String, String> render(Path project) {
    SortedMap<String, String> files = new TreeMap<>();
    new Pipeline(new Workspace(project)).renderInMemory(Selection.ALL, null).files()
        .forEach((path, bytes) -> files.put(path, new String(bytes, StandardCharsets.UTF_8)));
    return files;
  }
}

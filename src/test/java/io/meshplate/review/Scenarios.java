package io.meshplate.review;

import io.meshplate.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Scripted pull requests over a copy of the project: a base commit of {@code tenants/},
 * {@code templates/} and their real render, then a PR commit with the change and its render.
 */
enum Scenarios {
  NEW_TENANT(p -> p.write("tenants/shipping.yaml", """
      apiVersion: meshplate.io/v1alpha1
      kind: Tenant
      metadata:
        name: shipping
      spec:
        owners: ["@acme/shipping"]
        environments: [dev, prod]
        services:
          - name: tracker
            ports:
              - {name: http, port: 8080, protocol: HTTP}
            allow:
              - from: {tenant: storefront, service: web}
                methods: [GET]
        calls:
          - {tenant: notifications, service: sender}
      """)),
  /** payments allows notifications/sender, and notifications calls payments/api: a new flow. */
  NEW_CALLER(p -> allowNotifications(p).replace("tenants/notifications.yaml", """
        egress:
      """, """
        calls:
          - {tenant: payments, service: api}
        egress:
      """)),
  /** payments allows notifications/sender, which does not call it (yet): no flow, a warning. */
  ALLOW_WITHOUT_CALL(Scenarios::allowNotifications),
  WIDENED_PATH(p -> p.replace("tenants/payments.yaml",
      "methods: [GET, POST]\n          paths: [/v1/payments, /v1/payments/*]",
      "methods: [GET, POST, DELETE]\n          paths: [/v1/payments, /v1/payments/*, /v1/refunds]")),
  /**
   * The template drops {@code allow-nothing}. The render refuses that (INV-DENY-ALL), so the PR
   * commits output edited by hand: exactly what the review must flag loudly.
   */
  REMOVED_DENY_ALL(p -> p.replace("templates/base/tenant/authorization-policy.yaml.ftl", """
      ---
      apiVersion: ${mesh.api("security")}
      kind: AuthorizationPolicy
      metadata:
        name: allow-nothing
        namespace: ${namespace}
      spec: {}
      """, ""), Scenarios::removeAllowNothingByHand),
  NEW_EGRESS_HOST(p -> p.replace("tenants/payments.yaml", """
          - {host: api.stripe.com, port: 443, tls: originate}
      """, """
          - {host: api.stripe.com, port: 443, tls: originate}
          - {host: api.adyen.com, port: 443, tls: originate}
      """)),
  NEW_INGRESS_HOST(p -> p.replace("tenants/payments.yaml", """
        telemetry:
          accessLog: all
      """, """
        ingress:
          hosts:
            - {name: pay, service: api, paths: [/v1/payments]}
        telemetry:
          accessLog: all
      """)),
  TENANT_DELETION(p -> p.remove("tenants/ledger.yaml")
      .replace("tenants/payments.yaml", "    - {tenant: ledger, service: ledger}\n", "")
      .replace("tenants/reporting.yaml", "    - {tenant: ledger, service: ledger}\n", "")),
  TEMPLATE_CHANGE_ALL_TENANTS(p -> p.replace("templates/base/tenant/namespace.yaml.ftl",
      "    ${env.labelKeys.environment}: ${environment}\n",
      "    ${env.labelKeys.environment}: ${environment}\n    pod-security.kubernetes.io/enforce: restricted\n")),
  NO_OP(p -> { });

  private static ProjectTree allowNotifications(ProjectTree p) {
    return p.replace("tenants/payments.yaml", """
                paths: [/v1/settlements/*]
      """, """
                paths: [/v1/settlements/*]
              - from: {tenant: notifications, service: sender}
                methods: [GET]
                paths: [/v1/payments/*]
      """);
  }

  private static final Pattern ALLOW_NOTHING = Pattern.compile(
      "apiVersion: [^\\n]+\\nkind: AuthorizationPolicy\\nmetadata:\\n  name: allow-nothing\\n  namespace: [^\\n]+\\n"
          + "(  [a-z]+:\\n(    [^\\n]+\\n)+)*spec: \\{\\}\\n(---\\n)?");

  private final Consumer<ProjectTree> change;
  /** How the PR's output is made when the render refuses the change; null: rendered. */
  private final Consumer<ProjectTree> byHand;

  Scenarios(Consumer<ProjectTree> change) {
    this(change, null);
  }

  Scenarios(Consumer<ProjectTree> change, Consumer<ProjectTree> byHand) {
    this.change = change;
    this.byHand = byHand;
  }

  /** Commits the project rendered, then the scenario's change and its output, at {@code root}. */
  GitRepo commit(Path root) throws Exception {
    GitRepo repo = new GitRepo(root);
    ProjectTree tree = ProjectTree.copyOfProject(root).render();
    repo.commitAll("base");
    change(tree);
    repo.commitAll("pull request: " + name());
    return repo;
  }

  /** Applies the change to the descriptors or templates of {@code tree} only. */
  void changeSources(ProjectTree tree) {
    change.accept(tree);
  }

  /** Applies the change to the sources of {@code tree} and updates its output. */
  void change(ProjectTree tree) {
    change.accept(tree);
    if (byHand == null) {
      tree.render();
    } else {
      byHand.accept(tree);
    }
  }

  /** Whether the real render accepts the change (false: the PR's output was edited by hand). */
  boolean renders() {
    return byHand == null;
  }

  static void removeAllowNothingByHand(ProjectTree tree) {
    tree.bytes(List.of("output")).forEach((path, content) -> tree.write(path, withoutAllowNothing(path, content)));
  }

  /** An output file as someone would edit it to drop the deny-all policy. */
  static byte[] withoutAllowNothing(String path, byte[] content) {
    if (!path.endsWith("/authorization-policy.yaml")) {
      return content;
    }
    String text = new String(content, StandardCharsets.UTF_8);
    return ALLOW_NOTHING.matcher(text).replaceAll("").getBytes(StandardCharsets.UTF_8);
  }

  /** The review of a repository made by {@link #commit}: HEAD~1 against HEAD. */
  static Review review(Path root, DeletionPolicy policy) {
    Workspace ws = new Workspace(root);
    OutputSnapshot base = OutputSnapshot.fromGit(ws, "HEAD~1");
    return Reviewer.review(base, OutputSnapshot.fromGit(ws, "HEAD", base), policy);
  }
}

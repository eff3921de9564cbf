package io.meshplate.review;

import static io.meshplate.review.OutputFixture.list;
import static io.meshplate.review.OutputFixture.map;
import static io.meshplate.review.OutputFixture.service;

import io.meshplate.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Scripted pull requests over the example tenants: a base commit, then a PR commit. */
enum Scenarios {
  NEW_TENANT(f -> f.specs.put("shipping", map(
      "owners", new ArrayList<Object>(List.of("@acme/shipping")),
      "services", new ArrayList<Object>(List.of(map("name", "tracker",
          "ports", new ArrayList<Object>(List.of(map("name", "http", "port", 8080L, "protocol", "HTTP"))),
          "allow", new ArrayList<Object>(List.of(map("from", map("tenant", "storefront", "service", "web"),
              "methods", new ArrayList<Object>(List.of("GET")))))))),
      "calls", new ArrayList<Object>(List.of(map("tenant", "notifications", "service", "sender")))))),
  NEW_CALLER(f -> f.edit("payments", s -> list(service(s, "api"), "allow").add(map(
      "from", map("tenant", "notifications", "service", "sender"),
      "methods", new ArrayList<Object>(List.of("GET")),
      "paths", new ArrayList<Object>(List.of("/v1/payments/*/status")))))),
  WIDENED_PATH(f -> f.edit("payments", s -> {
    @SuppressWarnings("unchecked")
    var rule = (java.util.Map<String, Object>) list(service(s, "api"), "allow").get(0);
    list(rule, "paths").add("/v1/refunds");
    list(rule, "methods").add("DELETE");
  })),
  REMOVED_DENY_ALL(f -> f.denyAll = false),
  NEW_EGRESS_HOST(f -> f.edit("payments", s -> list(s, "egress").add(
      map("host", "api.adyen.com", "port", 443L, "tls", "originate")))),
  NEW_INGRESS_HOST(f -> f.edit("payments", s -> s.put("ingress", map("hosts", new ArrayList<Object>(List.of(
      map("name", "pay", "service", "api", "paths", new ArrayList<Object>(List.of("/v1/payments"))))))))),
  TENANT_DELETION(f -> f.specs.remove("ledger")),
  TEMPLATE_CHANGE_ALL_TENANTS(f -> f.namespaceLabel = "pod-security.kubernetes.io/enforce"),
  NO_OP(f -> { });

  private final Consumer<OutputFixture> change;

  Scenarios(Consumer<OutputFixture> change) {
    this.change = change;
  }

  /** Commits the examples, then the scenario's change, in a new repository at {@code root}. */
  GitRepo commit(Path root) throws Exception {
    GitRepo repo = new GitRepo(root);
    OutputFixture.examples().writeTo(root);
    repo.commitAll("base");
    OutputFixture changed = OutputFixture.examples();
    change.accept(changed);
    changed.writeTo(root);
    repo.commitAll("pull request: " + name());
    return repo;
  }

  static Review review(Path root, DeletionPolicy policy) {
    Workspace ws = new Workspace(root);
    OutputSnapshot base = OutputSnapshot.fromGit(ws, "HEAD~1");
    return Reviewer.review(base, OutputSnapshot.fromGit(ws, "HEAD", base), policy);
  }
}

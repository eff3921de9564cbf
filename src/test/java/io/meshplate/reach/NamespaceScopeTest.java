package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policies of a namespace are those every folder of the overlay puts there, whichever folder
 * the model reads first; the folder that alone lives in a namespace serves as its scope as it is
 * until another folder adds to it, and its facts stay its own.
 */
class NamespaceScopeTest {
  private static final String ALLOW_NOTHING = """
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: allow-nothing, namespace: NS}
      spec: {}
      """;
  /** An allow for a/web that tenant a's folder puts in b's namespace. */
  private static final String ALLOW_WEB_IN_B = """
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: from-a, namespace: b-t}
      spec: {rules: [{from: [{source: {principals: [cluster.local/ns/a-t/sa/web]}}]}]}
      """;

  @ParameterizedTest(name = "the owner of the namespace read first: {0}")
  @ValueSource(booleans = {true, false})
  void aPolicyAnotherFolderPutsInANamespaceCountsWithItsOwn(boolean ownerFirst) {
    World world = new World();
    if (ownerFirst) {
      world.tenant("b", "api:8080").objects("b", ALLOW_NOTHING).tenant("a", "web:8080").objects("a", ALLOW_WEB_IN_B);
    } else {
      world.tenant("a", "web:8080").objects("a", ALLOW_WEB_IN_B).tenant("b", "api:8080").objects("b", ALLOW_NOTHING);
    }
    world.calls("a", "b/api");

    assertThat(authorization(world.connect("a/web", "b/api", 8080))).isEqualTo(Tri.TRUE);
    assertThat(authorization(world.connect("b/api", "b/api", 8080))).isEqualTo(Tri.FALSE);
  }

  @Test
  void aFolderLentAsItsNamespacesScopeIsNotChangedByTheFoldersAfterIt() {
    World world = new World().tenant("b", "api:8080").objects("b", ALLOW_NOTHING)
        .tenant("a", "web:8080").objects("a", ALLOW_WEB_IN_B).calls("a", "b/api");
    List<TenantFacts> tenants = world.tenantFacts();
    Facts ownFacts = tenants.get(0).facts;

    Mesh first = world.mesh(tenants);
    Mesh second = world.mesh(tenants);

    assertThat(ownFacts.authorizations).extracting(AuthorizationFact::ref).extracting(Ref::object)
        .containsExactly("AuthorizationPolicy/b-t/allow-nothing");
    assertThat(first.scope("b-t").authorizations).extracting(AuthorizationFact::ref).extracting(Ref::object)
        .containsExactly("AuthorizationPolicy/b-t/allow-nothing", "AuthorizationPolicy/b-t/from-a");
    assertThat(second.scope("b-t").authorizations).extracting(AuthorizationFact::ref).extracting(Ref::object)
        .containsExactly("AuthorizationPolicy/b-t/allow-nothing", "AuthorizationPolicy/b-t/from-a");
  }

  private static Tri authorization(Evaluation evaluation) {
    return evaluation.checks().stream().filter(c -> c.layer() == Layer.AUTHORIZATION).findFirst().orElseThrow()
        .outcome();
  }
}

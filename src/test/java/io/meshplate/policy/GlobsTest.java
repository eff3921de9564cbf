package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Argo CD's globs as meshplate evaluates them: whole-string patterns for project fields, and Go's
 * {@code path.Match} for git directory generator paths (argo-cd applicationset/generators/git.go
 * matches each directory with path.Match), where {@code *} and {@code ?} stop at {@code /}.
 */
class GlobsTest {
  @ParameterizedTest(name = "{0} ~ {1}: whole {2}, path {3}")
  @CsvSource({
      // pattern, value, whole-string match, path match
      "output/dev/tenants/*, output/dev/tenants/t1, true, true",
      "output/dev/tenants/*, output/dev/tenants/t1/argocd, true, false",  // * crosses / only as a whole-string glob
      "output/dev/tenants/*, output/stage/tenants/t1, false, false",
      "output/dev/tenants/*, output/dev/tenants/, true, true",            // * matches nothing too
      "output/dev/tenants/*, output/dev/tenant, false, false",            // shorter than the text before the *
      "output/*/tenants/*/argocd, output/prod/tenants/t9/argocd, true, true",
      "output/*/tenants/*/argocd, output/prod/tenants/t9/argocd/x, false, false",
      "*-dev, payments-dev, true, true",                                  // a glob character first
      "?ayments, payments, true, true",
      "[pq]ayments, payments, true, true",
      "[pq]ayments, rayments, false, false",
      "t[0-9], t7, true, true",
      "t[0-9], s7, false, false",
      "a.b*, a.bc, true, true",                                           // . is literal
      "a.b*, axbc, false, false",
      "mesh-policy-t5-dev, mesh-policy-t5-dev, true, true",               // no glob: equality
      "mesh-policy-t5-dev, mesh-policy-t5-dev2, false, false",
  })
  void matchesAsArgoCdDoes(String pattern, String value, boolean whole, boolean path) {
    assertThat(Globs.matches(pattern, value)).isEqualTo(whole);
    assertThat(Globs.matchesPath(pattern, value)).isEqualTo(path);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://git.example/repo.git | output/dev/tenants/t1 | https://git.example/repo.git",
      "mesh-policy-{{path.basename}}-dev | output/dev/tenants/t1 | mesh-policy-t1-dev",
      "{{path}} | output/dev/tenants/t1 | output/dev/tenants/t1",
      "mesh-projects-{{ path[3] }}-dev | output/dev/tenants/t1/argocd | mesh-projects-t1-dev",
      "a { b } c | output/x | a { b } c",
  })
  void fillsTheGitDirectoryGeneratorsParameters(String template, String path, String filled) {
    assertThat(Deliveries.fill(template, path)).isEqualTo(filled);
  }
}

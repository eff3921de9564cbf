package io.meshplate.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Something a test needs from outside the repository, and where it is looked for. */
public enum Requirement {
  /** The upstream CRDs and Kubernetes OpenAPI documents: {@code shared/schemas}. */
  SHARED_SCHEMAS("shared/schemas next to the project root") {
    @Override
    Optional<Path> find() {
      return SharedFiles.find("schemas");
    }
  },
  /** The policy catalogue: {@code shared/reference/policy-catalogue.md}. */
  SHARED_REFERENCE("shared/reference next to the project root") {
    @Override
    Optional<Path> find() {
      return SharedFiles.find("reference");
    }
  },
  /** The real {@code kubectl} (kustomize builds, schemas pull). */
  KUBECTL("kubectl on the PATH") {
    @Override
    Optional<Path> find() {
      return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
          .filter(dir -> !dir.isEmpty())
          .map(dir -> Path.of(dir, "kubectl"))
          .filter(Files::isExecutable)
          .findFirst();
    }
  };

  private final String where;

  Requirement(String where) {
    this.where = where;
  }

  /** Where it was found, or empty. */
  abstract Optional<Path> find();

  /** How a missing requirement is described: what was looked for, where. */
  String missing() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ') + " not found (looked for " + where + ")";
  }
}

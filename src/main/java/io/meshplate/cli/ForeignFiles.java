package io.meshplate.cli;

import io.meshplate.Problem;

/** How a file in {@code output/} that meshplate did not render is reported. */
final class ForeignFiles {
  static final String RULE = "OUTPUT-FOREIGN-FILE";

  private ForeignFiles() {}

  static Problem problem(String path) {
    return Problem.at("output/" + path, 0, 0, RULE,
            "not rendered by meshplate: Argo CD would sync it with the folder's permissions, unreviewed")
        .withHint("remove it, or render it from a template; meshplate never changes or deletes it, and check fails while it is there");
  }
}

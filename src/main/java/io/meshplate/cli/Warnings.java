package io.meshplate.cli;

import io.meshplate.Problem;
import java.io.PrintWriter;
import java.util.List;

/**
 * The warnings channel: findings that never change the exit code (a declared flow some layer
 * blocks, a callee allowing a caller that does not call it), printed on stderr by every command
 * that finds them, one line each: {@code warning: file:line: RULE-ID: message (hint)}.
 */
final class Warnings {
  private Warnings() {}

  static void print(List<Problem> warnings, PrintWriter err) {
    for (Problem p : warnings) {
      err.println("warning: " + p.format());
    }
    err.flush();
  }
}

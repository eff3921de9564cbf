package io.meshplate.rollout;

import java.util.List;

/**
 * One step of an operator checklist: what to do and why, and the exact commands, in order.
 *
 * @param title what the step achieves, one sentence
 * @param commands shell commands to run, each complete (no placeholders); may be empty
 */
public record Step(String title, List<String> commands) {
  public Step {
    commands = List.copyOf(commands);
  }
}
